// One shortest path between two nodes given by id (Neo4j 5 form).
// params: a, b
// name: undirected
MATCH (a {id: $a}), (b {id: $b})
MATCH p = shortestPath((a)-[*]-(b))
RETURN [n IN nodes(p) | [n.id, labels(n)[0], n.name]] AS nodes,
       [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id]] AS rels;
// name: directed
MATCH (a {id: $a}), (b {id: $b})
MATCH p = shortestPath((a)-[*]->(b))
RETURN [n IN nodes(p) | [n.id, labels(n)[0], n.name]] AS nodes,
       [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id]] AS rels;

// FalkorDB's form: shortestPath only in a WITH or RETURN, and only directed.
// params: a, b
// name: directed
MATCH (a {id: $a}), (b {id: $b})
WITH shortestPath((a)-[*]->(b)) AS p
WHERE p IS NOT NULL
RETURN [n IN nodes(p) | [n.id, labels(n)[0], n.name]] AS nodes,
       [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id]] AS rels;

// FalkorDB's forms: shortestPath only in a WITH or RETURN, and only directed;
// undirected through its algo.SPpaths procedure.
// params: a, b
// name: directed
MATCH (a {id: $a}), (b {id: $b})
WITH shortestPath((a)-[*]->(b)) AS p
WHERE p IS NOT NULL
RETURN [n IN nodes(p) | [n.id, labels(n)[0], n.name]] AS nodes,
       [r IN relationships(p) | [type(r), startNode(r).id, endNode(r).id]] AS rels;
// name: undirected
MATCH (a {id: $a}), (b {id: $b})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relDirection: 'both', maxLen: $max_length, pathCount: 1})
YIELD path
RETURN [n IN nodes(path) | [n.id, labels(n)[0], n.name]] AS nodes,
       [r IN relationships(path) | [type(r), startNode(r).id, endNode(r).id]] AS rels;

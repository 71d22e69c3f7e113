// Read the graph a node at a time (kg --backend neo4j): LABEL is replaced by one of the
// model's four labels (never by user text), so that the server can use its id index.
// name: skeleton
MATCH (n)
RETURN n.id AS id, labels(n)[0] AS label, n.seq AS seq, n.name AS name, n.name_zh AS name_zh,
       n.aliases AS aliases, n.esco_uri AS esco_uri;
// name: node
MATCH (n:LABEL {id: $id})
RETURN properties(n) AS props;
// name: out
MATCH (n:LABEL {id: $id})-[r]->(m)
RETURN type(r) AS type, m.id AS other, properties(r) AS props;
// name: in
MATCH (m)-[r]->(n:LABEL {id: $id})
RETURN type(r) AS type, m.id AS other, properties(r) AS props;
// name: every_node
MATCH (n)
RETURN n.id AS id, properties(n) AS props;

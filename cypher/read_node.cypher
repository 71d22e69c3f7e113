// Read the graph a node at a time (kg --backend neo4j): LABEL is replaced by one of the
// model's four labels (never by user text), so that the server can use its id index.
// kg_folded, kg_squashed and kg_words are the name keys `kg neo4j push` writes (kg.resolve's forms).
// name: skeleton
MATCH (n)
RETURN n.id AS id, labels(n)[0] AS label, n.seq AS seq, n.name AS name, n.name_zh AS name_zh,
       n.aliases AS aliases, n.esco_uri AS esco_uri;
// name: names_missing
MATCH (n)
WHERE n.kg_folded IS NULL
RETURN count(n) AS missing;
// name: named
MATCH (n)
WHERE $key IN n.kg_folded
RETURN n.id AS id, labels(n)[0] AS label;
// name: named_loosely
MATCH (n)
WHERE $key IN n.kg_squashed
RETURN n.id AS id, labels(n)[0] AS label;
// name: with_words
MATCH (n)
WHERE all(w IN $words WHERE w IN n.kg_words)
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.name_zh AS name_zh, n.aliases AS aliases;
// name: node
MATCH (n:LABEL {id: $id})
RETURN labels(n)[0] AS label, properties(n) AS props;
// name: node_any_label
MATCH (n {id: $id})
RETURN labels(n)[0] AS label, properties(n) AS props;
// name: nodes_of
MATCH (n:LABEL)
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props;
// name: every_node
MATCH (n)
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props;
// name: out
MATCH (n:LABEL {id: $id})-[r]->(m)
RETURN type(r) AS type, m.id AS other, properties(r) AS props, labels(m)[0] AS label, properties(m) AS other_props;
// name: in
MATCH (m)-[r]->(n:LABEL {id: $id})
RETURN type(r) AS type, m.id AS other, properties(r) AS props, labels(m)[0] AS label, properties(m) AS other_props;
// name: out_typed
MATCH (n:LABEL {id: $id})-[r:TYPE]->(m)
RETURN type(r) AS type, m.id AS other, properties(r) AS props, labels(m)[0] AS label, properties(m) AS other_props;
// name: in_typed
MATCH (m)-[r:TYPE]->(n:LABEL {id: $id})
RETURN type(r) AS type, m.id AS other, properties(r) AS props, labels(m)[0] AS label, properties(m) AS other_props;

// FalkorDB's form of load_nodes: it crashes on requests above ~4 KB of
// parameters, so rows are packed. $rows is a list of [id, i, own, seq]; $props
// the distinct maps of properties many nodes share (provenance, source), sent
// once per request. SET n = $props[i] replaces every property; own (the rest
// of the node's properties), id and seq are then added: the same properties
// as load_nodes. Valid Neo4j 5 Cypher too.
// name: Track
UNWIND $rows AS row
MERGE (n:Track {id: row[0]})
SET n = $props[row[1]], n += row[2], n.id = row[0], n.seq = row[3];
// name: Layer
UNWIND $rows AS row
MERGE (n:Layer {id: row[0]})
SET n = $props[row[1]], n += row[2], n.id = row[0], n.seq = row[3];
// name: Skill
UNWIND $rows AS row
MERGE (n:Skill {id: row[0]})
SET n = $props[row[1]], n += row[2], n.id = row[0], n.seq = row[3];
// name: Tool
UNWIND $rows AS row
MERGE (n:Tool {id: row[0]})
SET n = $props[row[1]], n += row[2], n.id = row[0], n.seq = row[3];

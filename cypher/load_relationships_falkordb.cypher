// FalkorDB's form of load_relationships: rows packed to fit its ~4 KB request
// limit. $rows is a list of [start, end, i, seq]; $props the distinct property
// maps of the batch (all but seq: provenance and source, shared by many
// relationships), sent once per request. SET r = $props[i] replaces every
// property, then seq is added: the same properties as load_relationships.
// Valid Neo4j 5 Cypher too.
// name: FOCUSES_ON Track Layer
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Layer {id: row[1]})
MERGE (a)-[r:FOCUSES_ON]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: HAS_SKILL Layer Skill
UNWIND $rows AS row
MATCH (a:Layer {id: row[0]})
MATCH (b:Skill {id: row[1]})
MERGE (a)-[r:HAS_SKILL]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: USES_TOOL Skill Tool
UNWIND $rows AS row
MATCH (a:Skill {id: row[0]})
MATCH (b:Tool {id: row[1]})
MERGE (a)-[r:USES_TOOL]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: REQUIRES Track Skill
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Skill {id: row[1]})
MERGE (a)-[r:REQUIRES]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: REQUIRES Track Tool
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Tool {id: row[1]})
MERGE (a)-[r:REQUIRES]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: PREREQUISITE_OF Skill Skill
UNWIND $rows AS row
MATCH (a:Skill {id: row[0]})
MATCH (b:Skill {id: row[1]})
MERGE (a)-[r:PREREQUISITE_OF]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: TRANSITIONS_TO Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Track {id: row[1]})
MERGE (a)-[r:TRANSITIONS_TO]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: OVERLAPS_WITH Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Track {id: row[1]})
MERGE (a)-[r:OVERLAPS_WITH]->(b)
SET r = $props[row[2]], r.seq = row[3];
// name: COLLABORATES_WITH Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row[0]})
MATCH (b:Track {id: row[1]})
MERGE (a)-[r:COLLABORATES_WITH]->(b)
SET r = $props[row[2]], r.seq = row[3];

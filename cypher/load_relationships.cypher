// Write relationships in batches: $rows is a list of {start, end, props}.
// Both ends are matched by label and id (the indexed lookup); MERGE keeps
// at most one relationship of a type between two nodes.
// name: FOCUSES_ON Track Layer
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Layer {id: row.end})
MERGE (a)-[r:FOCUSES_ON]->(b)
SET r = row.props;
// name: HAS_SKILL Layer Skill
UNWIND $rows AS row
MATCH (a:Layer {id: row.start})
MATCH (b:Skill {id: row.end})
MERGE (a)-[r:HAS_SKILL]->(b)
SET r = row.props;
// name: USES_TOOL Skill Tool
UNWIND $rows AS row
MATCH (a:Skill {id: row.start})
MATCH (b:Tool {id: row.end})
MERGE (a)-[r:USES_TOOL]->(b)
SET r = row.props;
// name: REQUIRES Track Skill
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Skill {id: row.end})
MERGE (a)-[r:REQUIRES]->(b)
SET r = row.props;
// name: REQUIRES Track Tool
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Tool {id: row.end})
MERGE (a)-[r:REQUIRES]->(b)
SET r = row.props;
// name: PREREQUISITE_OF Skill Skill
UNWIND $rows AS row
MATCH (a:Skill {id: row.start})
MATCH (b:Skill {id: row.end})
MERGE (a)-[r:PREREQUISITE_OF]->(b)
SET r = row.props;
// name: TRANSITIONS_TO Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Track {id: row.end})
MERGE (a)-[r:TRANSITIONS_TO]->(b)
SET r = row.props;
// name: OVERLAPS_WITH Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Track {id: row.end})
MERGE (a)-[r:OVERLAPS_WITH]->(b)
SET r = row.props;
// name: COLLABORATES_WITH Track Track
UNWIND $rows AS row
MATCH (a:Track {id: row.start})
MATCH (b:Track {id: row.end})
MERGE (a)-[r:COLLABORATES_WITH]->(b)
SET r = row.props;

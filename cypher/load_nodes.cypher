// Write nodes in batches: $rows is a list of {id, props}; props holds every
// property, id included, so SET n = row.props leaves exactly those.
// MERGE on id makes a second push change nothing.
// name: Track
UNWIND $rows AS row
MERGE (n:Track {id: row.id})
SET n = row.props;
// name: Layer
UNWIND $rows AS row
MERGE (n:Layer {id: row.id})
SET n = row.props;
// name: Skill
UNWIND $rows AS row
MERGE (n:Skill {id: row.id})
SET n = row.props;
// name: Tool
UNWIND $rows AS row
MERGE (n:Tool {id: row.id})
SET n = row.props;

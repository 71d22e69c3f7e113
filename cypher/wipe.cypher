// Delete this graph's nodes, $limit at a time (repeat until deleted = 0);
// other labels in the database are left alone.
// name: Track
MATCH (n:Track)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted;
// name: Layer
MATCH (n:Layer)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted;
// name: Skill
MATCH (n:Skill)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted;
// name: Tool
MATCH (n:Tool)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted;

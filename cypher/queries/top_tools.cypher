// The tools most demanded: by how many tracks require a skill the tool
// realises, then by how many such skills.
// params: limit
// example: kg cypher -f top_tools.cypher --param limit=10
MATCH (t:Track)-[:REQUIRES]->(s:Skill)-[:USES_TOOL]->(tool:Tool)
RETURN tool.name AS tool, count(DISTINCT t) AS tracks, count(DISTINCT s) AS skills
ORDER BY tracks DESC, skills DESC, tool
LIMIT $limit;

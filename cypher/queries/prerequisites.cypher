// Everything to learn before a skill, up to three steps back, nearest first.
// params: skill
// example: kg cypher -f prerequisites.cypher --param skill=orchestration
MATCH (s:Skill) WHERE s.id = $skill OR toLower(s.name) = toLower($skill)
MATCH p = (pre:Skill)-[:PREREQUISITE_OF*1..3]->(s)
RETURN pre.name AS prerequisite, min(length(p)) AS steps
ORDER BY steps, prerequisite;

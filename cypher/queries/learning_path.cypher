// The learning path between two tracks: the core skills the target track
// requires that the starting track does not, layer by layer (Data ->
// Algorithm -> Application -> Control), those with fewer missing
// prerequisites and less effort first. A track is given by id or name.
// params: from, to
// example: kg cypher -f learning_path.cypher --param from=ds --param to=infra-mle
MATCH (src:Track) WHERE src.id = $from OR toLower(src.name) = toLower($from)
MATCH (dst:Track) WHERE dst.id = $to OR toLower(dst.name) = toLower($to)
MATCH (dst)-[req:REQUIRES]->(s:Skill)
WHERE req.level = 'core' AND NOT (src)-[:REQUIRES]->(s)
MATCH (l:Layer)-[:HAS_SKILL]->(s)
OPTIONAL MATCH (pre:Skill)-[:PREREQUISITE_OF]->(s)
WHERE NOT (src)-[:REQUIRES]->(pre)
WITH l, s, count(pre) AS missing_prerequisites
RETURN l.order AS layer_order, l.name AS layer, s.name AS skill, s.effort_hours AS hours,
       missing_prerequisites
ORDER BY layer_order, missing_prerequisites, hours, skill;

// A track's skills, per competency layer, core before bonus.
// params: track
// example: kg cypher -f track_skills_by_layer.cypher --param track="Production MLE"
MATCH (t:Track) WHERE t.id = $track OR toLower(t.name) = toLower($track)
MATCH (t)-[r:REQUIRES]->(s:Skill)
MATCH (l:Layer)-[:HAS_SKILL]->(s)
RETURN l.order AS layer_order, l.name AS layer, r.level AS level, s.name AS skill
ORDER BY layer_order, level, skill;

// The skills two tracks both require, with their layer.
// params: a, b
// example: kg cypher -f shared_skills.cypher --param a=infra-mle --param b=data-engineer
MATCH (a:Track) WHERE a.id = $a OR toLower(a.name) = toLower($a)
MATCH (b:Track) WHERE b.id = $b OR toLower(b.name) = toLower($b)
MATCH (a)-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(b)
MATCH (l:Layer)-[:HAS_SKILL]->(s)
RETURN l.order AS layer_order, l.name AS layer, s.name AS skill
ORDER BY layer_order, skill;

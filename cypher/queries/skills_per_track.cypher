// How many skills each track requires, core and bonus.
// params:
// example: kg cypher -f skills_per_track.cypher
MATCH (t:Track)-[r:REQUIRES]->(s:Skill)
RETURN t.name AS track,
       count(s) AS skills,
       count(CASE WHEN r.level = 'core' THEN 1 END) AS core
ORDER BY skills DESC, track;

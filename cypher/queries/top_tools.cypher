// The tools most demanded. With job-posting demand loaded (kg ingest jobs/ -o
// demand.yaml, then kg --data demand.yaml …): by how many postings ask for the
// tool. Without it: by how many tracks require a skill the tool realises, then
// by how many such skills -- and the ranked_by column says which.
// params: limit
// example: kg cypher -f top_tools.cypher --param limit=10
MATCH (:Track)-[req:REQUIRES]->()
WITH max(req.postings_total) AS measured
MATCH (x:Tool)
OPTIONAL MATCH (:Track)-[d:REQUIRES]->(x)
WITH measured, x, sum(coalesce(d.postings, 0)) AS postings
OPTIONAL MATCH (t:Track)-[:REQUIRES]->(s:Skill)-[:USES_TOOL]->(x)
WITH measured, x, postings, count(DISTINCT t) AS tracks, count(DISTINCT s) AS skills
WHERE postings > 0 OR tracks > 0
RETURN x.name AS tool, postings, tracks, skills,
       CASE WHEN measured > 0 THEN 'job postings' ELSE 'tracks (no job-posting demand loaded)' END AS ranked_by
ORDER BY postings DESC, tracks DESC, skills DESC, tool
LIMIT $limit;

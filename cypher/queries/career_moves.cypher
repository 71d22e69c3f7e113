// Where a track leads: common career moves out of it, and the tracks it
// overlaps or works with (either direction).
// params: track
// example: kg cypher -f career_moves.cypher --param track=ds
MATCH (t:Track) WHERE t.id = $track OR toLower(t.name) = toLower($track)
MATCH (t)-[r:TRANSITIONS_TO|OVERLAPS_WITH|COLLABORATES_WITH]-(other:Track)
WHERE type(r) <> 'TRANSITIONS_TO' OR (t)-[:TRANSITIONS_TO]->(other)
RETURN type(r) AS relation, other.name AS track
ORDER BY relation, track;

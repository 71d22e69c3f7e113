// Read the graph back: nodes per label, relationships per type.
// name: Track
MATCH (n:Track)
RETURN properties(n) AS props;
// name: Layer
MATCH (n:Layer)
RETURN properties(n) AS props;
// name: Skill
MATCH (n:Skill)
RETURN properties(n) AS props;
// name: Tool
MATCH (n:Tool)
RETURN properties(n) AS props;
// name: FOCUSES_ON
MATCH (a)-[r:FOCUSES_ON]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: HAS_SKILL
MATCH (a)-[r:HAS_SKILL]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: USES_TOOL
MATCH (a)-[r:USES_TOOL]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: REQUIRES
MATCH (a)-[r:REQUIRES]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: PREREQUISITE_OF
MATCH (a)-[r:PREREQUISITE_OF]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: TRANSITIONS_TO
MATCH (a)-[r:TRANSITIONS_TO]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: OVERLAPS_WITH
MATCH (a)-[r:OVERLAPS_WITH]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;
// name: COLLABORATES_WITH
MATCH (a)-[r:COLLABORATES_WITH]->(b)
RETURN a.id AS start, b.id AS end, properties(r) AS props;

// FalkorDB (Bolt port) accepts no CREATE CONSTRAINT and no named or
// IF NOT EXISTS index: an unnamed index on id per label instead. Running one
// twice fails, which `kg neo4j push` takes as "already there".
// name: Track
CREATE INDEX FOR (n:Track) ON (n.id);
// name: Layer
CREATE INDEX FOR (n:Layer) ON (n.id);
// name: Skill
CREATE INDEX FOR (n:Skill) ON (n.id);
// name: Tool
CREATE INDEX FOR (n:Tool) ON (n.id);

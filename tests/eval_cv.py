"""Score CV reading and `kg fit` recommendations against labelled CV sets.

    python tests/eval_cv.py [tests/cv_corpus tests/cv_holdout ...] [--verbose]

Each folder holds a labels.yaml (format in tests/cv_corpus/labels.yaml). CVs
marked ``render: pdf|docx`` are drawn into that format first (tests/cv_support.py),
so the readers are exercised. Per set it prints: recommendation accuracy (the
recommended MLE track equals the label's ``target``), current-role accuracy,
and micro-averaged tool precision, recall and F1. It asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cv_support import render  # noqa: E402 - after the path is set


def load_labels(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8")) or {}
    return list(data.get("cvs") or [])


def evaluate(folder: Path, graph: Any, verbose: bool = False) -> dict[str, Any]:
    from kg.advice import fit
    from kg.cv import read_cv

    entries = load_labels(folder)
    tp = fp = fn = 0
    right = role_right = 0
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for e in entries:
            path = render(folder / e["file"], e.get("render"), tmp)
            cv = read_cv(path, graph)
            role = cv["role"]["track"] if cv["role"] else None
            result = fit(graph, [*cv["tools"], *cv["skills"]], from_=role)
            got = result["recommended"]["track"]
            want_tools, got_tools = set(e.get("tools") or []), set(cv["tools"])
            tp += len(want_tools & got_tools)
            fp += len(got_tools - want_tools)
            fn += len(want_tools - got_tools)
            right += got == e["target"]
            role_right += role == e.get("current")
            if verbose or got != e["target"] or role != e.get("current") or want_tools != got_tools:
                misses.append(f"  {e['file']}{' (' + e['render'] + ')' if e.get('render') else ''}: "
                              f"target {e['target']} got {got}; role {e.get('current')} got {role}; "
                              f"tools missed {sorted(want_tools - got_tools)} extra {sorted(got_tools - want_tools)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"set": str(folder), "cvs": len(entries), "accuracy": right / len(entries) if entries else 0.0,
            "role_accuracy": role_right / len(entries) if entries else 0.0,
            "precision": precision, "recall": recall, "f1": f1, "notes": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[HERE / "cv_corpus"])
    parser.add_argument("--verbose", action="store_true", help="List every CV, not only the misses.")
    args = parser.parse_args()
    from kg.loaders.curated import load_graph

    graph = load_graph()
    for folder in args.folders:
        r = evaluate(folder, graph, args.verbose)
        print(f"{r['set']}: {r['cvs']} CVs; recommendation accuracy {r['accuracy']:.3f}; "
              f"current role {r['role_accuracy']:.3f}; tools P {r['precision']:.3f} R {r['recall']:.3f} "
              f"F1 {r['f1']:.3f}")
        for line in r["notes"]:
            print(line)


if __name__ == "__main__":
    main()

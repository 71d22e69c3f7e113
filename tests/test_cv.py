"""`kg fit --cv`: PDF, DOCX, Chinese and plain-text CVs, what is recognised, and the labelled set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from cv_support import has_cjk, pdf_font, render, write_docx, write_pdf

from kg.cv import current_role, extract_cv, read_cv
from kg.errors import DataError

CORPUS = Path(__file__).parent / "cv_corpus"


def two_page_cv() -> str:
    """A CV long enough to fill two A4 pages."""
    base = (CORPUS / "devops-sre.md").read_text(encoding="utf-8")
    filler = "\n".join(f"- Incident review {i}: wrote the postmortem, fixed the alert rule and the runbook."
                       for i in range(45))
    return base + "\n## Incident reviews\n" + filler + "\n"


def test_two_page_pdf_cv(kg_run, tmp_path):
    import pypdf

    pdf = write_pdf(two_page_cv(), tmp_path / "cv.pdf")
    assert len(pypdf.PdfReader(pdf).pages) == 2
    r = kg_run("fit", "--cv", str(pdf), "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["cv"]["role"] == {"track": "devops", "title": "Site Reliability Engineer — Harbor Health Systems",
                                  "line": 2}
    assert data["cv"]["tools"] == ["argo", "aws", "docker", "git", "gitlab-ci", "grafana", "helm", "kubernetes",
                                   "prometheus", "python", "terraform"]
    assert data["cv"]["skills"] == ["ci-cd", "infrastructure-as-code", "monitoring"]
    assert data["from"] == "devops"
    assert data["recommended"]["track"] == "infra-mle"
    text = kg_run("fit", "--cv", str(pdf)).out.splitlines()
    assert text[:3] == [
        "From the CV: role DevOps Engineer (line 2: Site Reliability Engineer — Harbor Health Systems)",
        "  tools:  Argo, AWS, Docker, Git, GitLab CI/CD, Grafana, Helm, Kubernetes, Prometheus, Python, Terraform",
        "  skills: CI/CD, Infrastructure as code, Monitoring"]


def test_docx_chinese_cv(graph, tmp_path):
    docx = write_docx((CORPUS / "ds-zh.md").read_text(encoding="utf-8"), tmp_path / "cv.docx")
    cv = read_cv(docx, graph)
    assert cv["role"] == {"track": "ds", "title": "数据科学家 · 某在线教育公司（2020年至今）", "line": 2}
    assert cv["tools"] == ["pandas", "python", "scikit-learn", "spark", "sql", "tableau", "xgboost"]
    assert cv["skills"] == ["data-analysis", "machine-learning", "statistics"]


@pytest.mark.skipif(pdf_font("中文") is None, reason="no CJK font installed to draw a Chinese PDF")
def test_chinese_pdf_cv(kg_run, tmp_path):
    pdf = write_pdf((CORPUS / "rs-zh.md").read_text(encoding="utf-8"), tmp_path / "cv.pdf")
    r = kg_run("--lang", "zh", "fit", "--cv", str(pdf))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[:3] == ["From the CV: role 研究科学家 (line 2: 算法研究员 · 某人工智能实验室（2021年至今）)",
                         "  tools:  CUDA, Hugging Face, Python, PyTorch",
                         "  skills: 深度学习, 自然语言处理, 科研能力"]
    assert lines[14] == "Recommended: 研究型MLE：你已具备其核心要求的 90%（生产型MLE 为 38%）；距入门还需 61 小时（机器学习框架）。"


def test_plain_text_and_markdown_cv(graph):
    cv = read_cv(CORPUS / "de-zh.md", graph)
    assert cv["role"]["track"] == "data-engineer"
    assert cv["tools"] == ["airflow", "alibaba-cloud", "flink", "hive", "kafka", "python", "scala", "spark", "sql"]


def test_role_skips_wishes_and_takes_the_first_title(graph):
    assert current_role("Objective: become a Machine Learning Engineer\nData Engineer, Acme (2020-)", graph)["track"] \
        == "data-engineer"
    assert current_role("求职意向：机器学习工程师\n大数据开发工程师 2019年至今", graph)["track"] == "data-engineer"
    assert current_role("MSc student in statistics", graph) is None
    assert extract_cv("Kubernetes and Docker daily.", graph)["skills"] == []  # tools never stand for skills


def test_unreadable_cv_is_one_line(kg_run, tmp_path):
    bad = tmp_path / "cv.pdf"
    bad.write_bytes(b"%PDF-1.4 but nothing else")
    r = kg_run("fit", "--cv", str(bad))
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith(f"Error: {bad}: ") and len(r.err.splitlines()) == 1
    r = kg_run("fit", "--cv", str(tmp_path / "none.pdf"))
    assert (r.code, r.err) == (1, f"Error: {tmp_path / 'none.pdf'}: no such file\n")
    with pytest.raises(DataError):
        read_cv(tmp_path, None)  # type: ignore[arg-type]


def test_cv_save_profile_then_plan(kg_run, tmp_path):
    pdf = write_pdf((CORPUS / "devops-sre.md").read_text(encoding="utf-8"), tmp_path / "cv.pdf")
    prof = tmp_path / "me.yaml"
    r = kg_run("fit", "--cv", str(pdf), "--hours-per-week", "10", "--save-profile", str(prof))
    assert r.code == 0, r.err
    assert prof.read_text(encoding="utf-8").splitlines()[1:] == [
        ("know: [argo, aws, docker, git, gitlab-ci, grafana, helm, kubernetes, prometheus, python, terraform, ci-cd, "
         "infrastructure-as-code, monitoring]"),
        "from: devops", "target: infra-mle", "hours_per_week: 10.0"]
    plan = json.loads(kg_run("plan", "--profile", str(prof), "--level", "entry", "--start", "2027-01-04",
                             "--json").out)
    assert plan["to"] == "infra-mle" and plan["total_hours"] == 382
    assert plan["schedule"]["finish"] == "2027-10-03"


def test_labelled_set_reads_and_recommends(packaged_graph, tmp_path):
    import yaml

    from kg.advice import fit

    labels = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["cvs"]
    assert len(labels) >= 16
    assert sum(has_cjk((CORPUS / e["file"]).read_text(encoding="utf-8")) for e in labels) >= 3
    assert sum(e.get("render") == "pdf" for e in labels) >= 4 and sum(e.get("render") == "docx" for e in labels) >= 2
    right = 0
    for e in labels:
        if e.get("render") == "pdf" and pdf_font((CORPUS / e["file"]).read_text(encoding="utf-8")) is None \
                and has_cjk((CORPUS / e["file"]).read_text(encoding="utf-8")):
            continue
        cv = read_cv(render(CORPUS / e["file"], e.get("render"), tmp_path), packaged_graph)
        role = cv["role"]["track"] if cv["role"] else None
        right += fit(packaged_graph, [*cv["tools"], *cv["skills"]], from_=role)["recommended"]["track"] == e["target"]
        assert set(cv["tools"]) == set(e["tools"]), e["file"]
    assert right == len(labels)  # the tuning set; tests/eval_cv.py scores the held-out set too


def test_html_cv_drops_markup_and_scripts(graph, tmp_path):
    page = tmp_path / "cv.html"
    page.write_text("<html><head><title>CV</title><script>var k = 'Kubernetes';</script></head><body>"
                    "<h1>Ana Souza</h1><p>Data Engineer &mdash; Loja (2021&ndash;)</p>"
                    "<ul><li>Airflow &amp; dbt pipelines</li><li>Snowflake</li></ul></body></html>", encoding="utf-8")
    cv = read_cv(page, graph)
    assert cv["role"] == {"track": "data-engineer", "title": "Data Engineer — Loja (2021–)", "line": 3}
    assert cv["tools"] == ["airflow", "dbt", "snowflake"]

import gzip

import pytest

from pipeline.export.jsonl import JsonlWriters


def test_files_appear_only_when_the_run_commits(tmp_path):
    writers = JsonlWriters(tmp_path)
    writers.write("article", b'{"id": 1}')
    assert not (tmp_path / "article.jsonl").exists()
    writers.commit()
    assert (tmp_path / "article.jsonl").read_bytes() == b'{"id": 1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["article.jsonl"]


def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path):
    with JsonlWriters(tmp_path) as writers:
        writers.write("article", b'{"run": 1}')
    with pytest.raises(RuntimeError), JsonlWriters(tmp_path) as writers:
        writers.write("article", b'{"run": 2}')
        raise RuntimeError("crash mid-run")
    assert (tmp_path / "article.jsonl").read_bytes() == b'{"run": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.jsonl"]


def test_staging_left_by_a_killed_run_is_cleaned_by_the_next_run(tmp_path):
    stale = tmp_path / ".staging-999999999"
    stale.mkdir()
    (stale / "article.jsonl").write_bytes(b'{"half": ')
    with JsonlWriters(tmp_path) as writers:
        writers.write("article", b"{}")
    assert not stale.exists()


def test_compressed_output_is_byte_identical_across_runs(tmp_path):
    outputs = []
    for run in ("a", "b"):
        with JsonlWriters(tmp_path / run, compress=True) as writers:
            writers.write("faq", b'{"q": "why?"}')
        outputs.append((tmp_path / run / "faq.jsonl.gz").read_bytes())
    assert outputs[0] == outputs[1]
    assert gzip.decompress(outputs[0]) == b'{"q": "why?"}\n'

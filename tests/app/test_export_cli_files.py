"""`alcoach export`: proposed file names, never replacing a file without --force, the dialog's
options on every document, and one sentence (with the traceback in the log) when a render fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_export_cli import data_dir, pdf_text

__all__ = ["data_dir"]  # the fixture used here

ROOT = Path(__file__).resolve().parents[2]


def run(folder: Path, *args: str, cwd: Path = ROOT, code: str = "") -> subprocess.CompletedProcess:
    """`alcoach --data-dir folder export ...` in a new process; `code` runs first (a patch)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = ["--data-dir", str(folder), "export", *args]
    script = f"import sys\n{code}\nfrom alcoach.cli import main\nsys.exit(main({argv!r}))"
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def one_sentence(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith("alcoach: ") and message.endswith(".")
    assert "Traceback" not in message and "0x" not in message
    return message.removeprefix("alcoach: ")


def test_without_out_the_proposed_name_goes_in_the_current_folder(data_dir, tmp_path):
    folder, ids = data_dir
    here = tmp_path / "here"
    here.mkdir()
    done = run(folder, "meeting", str(ids["meeting_id"]), cwd=here)
    assert done.returncode == 0, done.stderr
    (made,) = here.iterdir()
    assert made.name == "2026-11-02 Set Blue - Empty homes backlog - meeting summary.pdf"
    assert done.stdout.strip() == f"Wrote {made}."

    done = run(folder, "feedback", str(ids["meeting_id"]), "--per-member", cwd=here)
    assert done.returncode == 0, done.stderr
    sheets = sorted(p.name for p in here.glob("*feedback - *.pdf"))
    assert len(sheets) == 6
    assert "2026-11-02 Set Blue - Empty homes backlog - feedback - 王小明.pdf" in sheets


def test_an_existing_file_is_refused_in_one_sentence_unless_force(data_dir, tmp_path):
    folder, ids = data_dir
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"last week's")
    done = run(folder, "meeting", str(ids["meeting_id"]), "--out", str(target))
    assert one_sentence(done) == (
        f"{target} already exists; add --force to replace it, or give another --out."
    )
    assert target.read_bytes() == b"last week's"
    done = run(folder, "meeting", str(ids["meeting_id"]), "--out", str(target), "--force")
    assert done.returncode == 0, done.stderr
    assert "Meeting summary" in pdf_text(target)


def test_per_member_files_are_all_checked_before_any_is_written(data_dir, tmp_path):
    folder, ids = data_dir
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "王小明.pdf").write_bytes(b"kept")
    done = run(folder, "feedback", str(ids["meeting_id"]), "--per-member", "--out", str(sheets))
    assert "王小明.pdf already exists; add --force" in one_sentence(done)
    assert [p.name for p in sheets.iterdir()] == ["王小明.pdf"]
    done = run(
        folder, "feedback", str(ids["meeting_id"]), "--per-member", "--out", str(sheets), "--force"
    )
    assert done.returncode == 0, done.stderr
    assert len(list(sheets.iterdir())) == 6


@pytest.mark.parametrize("document", ["feedback", "set", "blank"])
def test_every_document_can_be_anonymised_and_protected(data_dir, tmp_path, document):
    folder, ids = data_dir
    target = tmp_path / "out.pdf"
    subject = str(ids["set_id"] if document == "set" else ids["meeting_id"])
    secret = tmp_path / "password.txt"
    secret.write_text("pw\n", encoding="utf-8")
    done = run(
        folder, document, subject, "--anonymise", "--password-file", str(secret),
        "--out", str(target),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdf_text(target, "pw")
    assert "Member A" in text and "Zoë" not in text and "Ångström" not in text


def test_feedback_sheets_take_the_private_notes_only_when_asked(data_dir, tmp_path):
    folder, ids = data_dir
    plain, private = tmp_path / "plain.pdf", tmp_path / "private.pdf"
    assert run(folder, "feedback", str(ids["meeting_id"]), "--out", str(plain)).returncode == 0
    done = run(
        folder, "feedback", str(ids["meeting_id"]), "--include-private", "--out", str(private)
    )
    assert done.returncode == 0, done.stderr
    assert "Coach's notes (private)" in pdf_text(private)
    assert "Coach's notes (private)" not in pdf_text(plain)


BROKEN_RENDER = """
import alcoach.export.meeting_summary as summary
def broken(*args, **kwargs):
    raise ValueError("Splitting error(n==2) on page 3 in <KeepTogether at 0x7f1d2b331810>")
summary.render = broken
"""


def test_an_unforeseen_failure_is_one_sentence_and_the_log_has_the_traceback(data_dir, tmp_path):
    folder, ids = data_dir
    target = tmp_path / "summary.pdf"
    done = run(folder, "meeting", str(ids["meeting_id"]), "--out", str(target), code=BROKEN_RENDER)
    log = folder / "alcoach.log"
    sentence = one_sentence(done)
    assert sentence.startswith("The meeting summary could not be made")
    assert "--page-size" in sentence and sentence.endswith(f"the details are in {log}.")
    assert not target.exists()
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "in broken" in logged and "ValueError" in logged
    assert "Splitting error(n==2)" not in logged  # a message may quote what was typed: not kept


def test_a_command_that_breaks_unforeseen_is_one_sentence_too(data_dir):
    folder, _ = data_dir
    code = "import alcoach.data.sets as s\ns.list_sets = lambda: 1 / 0"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = f"import sys\n{code}\nfrom alcoach.cli import main\n"
    script += f"sys.exit(main(['--data-dir', {str(folder)!r}, 'list', 'sets']))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert "the details are in" in one_sentence(done)
    assert "ZeroDivisionError" in (folder / "alcoach.log").read_text(encoding="utf-8")


def _launcher(folder: Path, body: str) -> dict[str, str]:
    """A PATH whose only xdg-open (and open) runs `body`."""
    folder.mkdir()
    for name in ("xdg-open", "open"):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
    return {"PATH": str(folder)}


@pytest.mark.parametrize(
    ("launcher", "opened"),
    [(None, False), ('echo "$1" > "${0%/*}/opened"', True), ("exit 4", False)],
)
def test_open_when_done_says_so_when_nothing_can_open_the_pdf(
    data_dir, tmp_path, launcher, opened, monkeypatch
):
    folder, ids = data_dir
    bin_dir = tmp_path / "bin"
    if launcher is None:
        bin_dir.mkdir()
        monkeypatch.setenv("PATH", str(bin_dir))
    else:
        monkeypatch.setenv("PATH", _launcher(bin_dir, launcher)["PATH"])
    target = tmp_path / "b.pdf"
    done = run(folder, "blank", str(ids["meeting_id"]), "--out", str(target), "--open")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == f"Wrote {target}."
    if opened:
        assert lines == [f"Wrote {target}."]
        assert (bin_dir / "opened").read_text(encoding="utf-8").strip() == str(target)
    else:
        assert lines[1:] == [
            f"No program to open PDFs was found on this computer; the PDF is saved as {target}."
        ]


def test_a_folder_that_is_not_there_is_one_sentence(data_dir, tmp_path):
    folder, ids = data_dir
    missing = tmp_path / "not yet"
    done = run(folder, "blank", str(ids["meeting_id"]), "--out", f"{missing}/")
    assert one_sentence(done).endswith(f"the folder {missing} does not exist.")
    assert not missing.exists()
    done = run(folder, "blank", str(ids["meeting_id"]), "--out", str(tmp_path / "sheet"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sheet.pdf").exists()

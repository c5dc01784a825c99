"""Writing PDFs: atomically, with one clear sentence on failure; and `alcoach export ...`."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from alcoach.errors import ExportError
from alcoach.export import write_pdf

PDF = b"%PDF-1.4\n" + b"x" * 10_000


def test_write_pdf_writes_the_bytes(tmp_path):
    target = tmp_path / "out.pdf"
    assert write_pdf(PDF, target) == target
    assert target.read_bytes() == PDF
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    assert target.stat().st_mode & 0o777 == 0o600  # the coach's alone (alcoach.privacy)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"the previous export")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(ExportError) as caught:
        write_pdf(PDF, target)
    message = str(caught.value)
    assert message.endswith("No space left on device.")
    assert "\n" not in message
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_a_missing_folder_is_one_sentence(tmp_path):
    expected = r"^The PDF could not be written to .*: the folder .* does not exist\.$"
    with pytest.raises(ExportError, match=expected):
        write_pdf(PDF, tmp_path / "nope" / "out.pdf")


@pytest.fixture
def data_dir(tmp_path):
    """A data folder with the rich set, written through the services and closed again."""
    from export_richdata import build

    from alcoach.data.store import open_store

    folder = tmp_path / "data"
    store = open_store(folder)
    try:
        ids = build()
    finally:
        store.close()
    return folder, ids


def run_cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "alcoach", "--data-dir", str(folder), "export", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )


def pdf_text(path: Path, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if password:
        reader.decrypt(password)
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def password_file(folder: Path, password: str) -> Path:
    path = folder / "password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def test_cli_writes_each_document(data_dir, tmp_path):
    folder, ids = data_dir
    meeting = str(ids["meeting_id"])
    out = tmp_path / "out"
    out.mkdir()

    done = run_cli(
        folder,
        "meeting",
        meeting,
        "--out",
        str(out / "m.pdf"),
        "--include-private",
        "--include-feedback",
        "--anonymise",
        "--password-file",
        str(password_file(tmp_path, "pw")),
        "--page-size",
        "Letter",
    )
    assert done.returncode == 0, done.stderr
    text = pdf_text(out / "m.pdf", "pw")
    assert "Meeting summary" in text and "PRIVATE-NOTE" in text and "Member A" in text
    assert "Zoë" not in text
    assert round(float(PdfReader(out / "m.pdf", password="pw").pages[0].mediabox.width)) == 612

    done = run_cli(folder, "feedback", meeting, "--out", str(out / "f.pdf"))
    assert done.returncode == 0, done.stderr
    assert "Feedback for Zoë Ångström" in pdf_text(out / "f.pdf")

    per_member = out / "sheets"
    per_member.mkdir()
    done = run_cli(folder, "feedback", meeting, "--out", str(per_member), "--per-member")
    assert done.returncode == 0, done.stderr
    assert len(list(per_member.glob("*.pdf"))) == 6
    assert (per_member / "王小明.pdf").exists()

    done = run_cli(
        folder, "feedback", meeting, "--out", str(out / "fb-{member}.pdf"), "--per-member"
    )
    assert done.returncode == 0, done.stderr
    assert (out / "fb-Zoë Ångström.pdf").exists()

    done = run_cli(
        folder, "set", str(ids["set_id"]), "--out", str(out / "s.pdf"), "--from", "2026-11-01"
    )
    assert done.returncode == 0, done.stderr
    assert "1 Nov 2026 to 2 Nov 2026" in pdf_text(out / "s.pdf")

    done = run_cli(folder, "blank", meeting, "--out", str(out / "b.pdf"))
    assert done.returncode == 0, done.stderr
    assert "Session sheet" in pdf_text(out / "b.pdf")
    assert "Wrote" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("meeting", "9999"), "There is no meeting with id 9999."),
        (("feedback", "9999"), "There is no meeting with id 9999."),
        (("blank", "9999"), "There is no meeting with id 9999."),
        (("set", "9999"), "There is no set with id 9999."),
    ],
)
def test_cli_unknown_id_is_one_sentence_and_no_file(data_dir, tmp_path, args, message):
    folder, _ = data_dir
    target = tmp_path / "x.pdf"
    done = run_cli(folder, *args, "--out", str(target))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == f"alcoach: {message}"
    assert not target.exists()


def test_cli_unwritable_path_is_one_sentence(data_dir, tmp_path):
    folder, ids = data_dir
    target = tmp_path / "missing-folder" / "x.pdf"
    done = run_cli(folder, "blank", str(ids["meeting_id"]), "--out", str(target))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("does not exist.")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_member_file_paths(tmp_path):
    from alcoach.export import member_file_paths

    names = ["Zoë Ångström", "王小明", "Ann/Bo: <x>", "Zoë Ångström"]
    assert [p.name for p in member_file_paths(tmp_path, names)] == [
        "Zoë Ångström.pdf",
        "王小明.pdf",
        "Ann Bo x.pdf",
        "Zoë Ångström (2).pdf",
    ]
    pattern = member_file_paths(tmp_path / "sheet-{member}.pdf", names[:2])
    assert [p.name for p in pattern] == ["sheet-Zoë Ångström.pdf", "sheet-王小明.pdf"]
    plain = member_file_paths(tmp_path / "feedback.pdf", names[:1])
    assert plain == [tmp_path / "feedback - Zoë Ångström.pdf"]

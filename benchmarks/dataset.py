"""The coach's ten years, generated deterministically and imported once into a cached data folder.

The cache is keyed by the generator's parameters, a hash of the generator's source, a hash of
everything that writes the data (alcoach/data: its code, SQL and built-in content) and the schema
version, so a changed generator, writer or schema rebuilds it (a change to how the search index is
written, say, without a schema bump); `--fresh` rebuilds it anyway.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Scale

DEFAULT_CACHE = Path(__file__).resolve().parent / ".cache"


def writer_digest() -> str:
    """A hash of alcoach/data's files (code, SQL, JSON), in a fixed order, caches left out."""
    import alcoach.data

    root = Path(alcoach.data.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".sql", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]


def cache_key(scale: Scale) -> str:
    from alcoach.data import migrations
    from benchmarks import generate

    source = Path(generate.__file__).read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:10]
    s = scale
    return (
        f"s{s.sets}-m{s.meetings_per_set}-i{s.interventions_per_meeting}"
        f"-t{s.tallies_per_meeting}-q{s.questions}-seed{s.seed}"
        f"-long{s.long_set_meetings}x{'.'.join(map(str, s.long_meeting))}"
        f"-gen{digest}-data{writer_digest()}-schema{migrations.SCHEMA_VERSION}"
    )


def ensure_dataset(scale: Scale, cache_root: Path, *, fresh: bool, log=print) -> dict[str, Any]:
    """Build (or reuse) the data folder; returns its meta: paths and how long building took."""
    folder = cache_root / cache_key(scale)
    meta_path = folder / "meta.json"
    if meta_path.exists() and not fresh:
        meta = json.loads(meta_path.read_text())
        meta["reused"] = True
        log(f"Using the cached data folder {folder} (built {meta['built_at']}; --fresh rebuilds).")
        return meta
    shutil.rmtree(folder, ignore_errors=True)
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    log(f"Generating {scale.describe()} ...")

    from alcoach.data.archive import import_archive
    from alcoach.data.store import open_store
    from benchmarks.generate import generate_archive

    t0 = time.perf_counter()
    doc = generate_archive(**scale.as_kwargs())
    generated = time.perf_counter() - t0
    (building / "archive.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    t0 = time.perf_counter()
    store = open_store(building / "data")
    try:
        summary = import_archive(doc)
    finally:
        store.close()
    imported = time.perf_counter() - t0
    meta = {
        "scale": scale.as_kwargs(),
        "key": folder.name,
        "summary": summary,
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "generate_s": round(generated, 2),
        "first_import_s": round(imported, 2),
        "db_bytes": (building / "data" / "alcoach.db").stat().st_size,
        "archive_bytes": (building / "archive.json").stat().st_size,
    }
    (building / "meta.json").write_text(json.dumps(meta, indent=1))
    building.rename(folder)
    log(f"Built {summary} in {generated:.1f} s + {imported:.1f} s import.")
    _drop_stale(folder)
    meta["reused"] = False
    return meta


def _drop_stale(folder: Path) -> None:
    """Remove the data sets of the same scale built by an older generator, writer or schema
    (about 200 MB each at full scale): no run can use them again."""
    scale_part = folder.name.split("-gen", 1)[0]
    for other in folder.parent.glob(f"{scale_part}-gen*"):
        if other != folder and other.is_dir() and not other.name.endswith(".building"):
            shutil.rmtree(other, ignore_errors=True)


def paths(scale: Scale, cache_root: Path) -> tuple[Path, Path]:
    """(data folder, archive file) of a built data set."""
    folder = cache_root / cache_key(scale)
    return folder / "data", folder / "archive.json"

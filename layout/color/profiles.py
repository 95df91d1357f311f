"""The ICC profile of a press condition, found or built at run time (never committed).

Order: a ready-made profile file of the condition (its file names in layout/color/press.py) in
the ICC search path ($LAYOUT_ICC_PATH, ~/.local/share/color/icc, /usr/local/share/color/icc,
/usr/share/color/icc); else a profile built earlier by us; else one built now by ArgyllCMS's
`colprof` from the condition's characterisation data (FOGRA39: FOGRA39L.ti3 of the Debian package
icc-profiles-free). Building takes half a minute once: the result is kept in
<venv>/share/hrb-layout/icc (`make` builds it there; `python -m layout.color.profiles`) or, where
that is not writable, in the record cache. colprof writes the current date into the profile
header; we fix it to the data's date, so that the same data always gives the same bytes and the
same PDF.

Anything missing is a LayoutError naming the Debian package (or, for Japan Color, where to get
a profile).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from layout.atomic import write_bytes_atomic
from layout.color.press import DEBIAN_ICC, PressCondition
from layout.errors import LayoutError
from layout.fonts.cache import RecordCache, default_cache_dir

if TYPE_CHECKING:
    from PIL import ImageCms

ICC_PATH_ENV = "LAYOUT_ICC_PATH"
BUILD_TIMEOUT = 600  # s; colprof takes ~25 s on a quiet core
SRGB = DEBIAN_ICC / "sRGB.icc"  # icc-profiles-free: the source gamut for perceptual tables
# colprof options: low quality is plenty for a 1617-patch data set (the medium setting takes
# three times longer for differences below 1 dE), GCR black at 95 %, perceptual and saturation
# tables mapped from the sRGB gamut (what editors' photos are in).
COLPROF_OPTIONS = ("-ql", "-kr", "-L95", "-cmt", "-dpp")
FIXED_DATE = (2006, 12, 1, 0, 0, 0)  # FOGRA39L.ti3: CREATED "December 2006"
BUILD_VERSION = 1  # bump when the build changes: profiles built before are rebuilt


@dataclass(frozen=True)
class Profile:
    data: bytes  # the ICC profile
    description: str  # its 'desc' tag
    source: str  # the file it was read from, or how it was built

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def press_profile(condition: PressCondition) -> Profile:
    """The condition's CMYK output profile (read once per process)."""
    return _press_profile(condition)


@cache
def _press_profile(condition: PressCondition) -> Profile:
    for path in _ready_made(condition):
        return read_profile(path)
    if condition.data is None:
        raise LayoutError(
            f"the press condition '{condition.key}' needs an ICC profile: none of "
            f"{', '.join(condition.files)} is in {_search_path_text()}",
            hint=condition.obtain,
        )
    return _built(condition)


def icc_search_path() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get(ICC_PATH_ENV, "").split(os.pathsep) if p]
    dirs.append(Path.home() / ".local" / "share" / "color" / "icc")
    dirs += [Path("/usr/local/share/color/icc"), DEBIAN_ICC]
    return dirs


def _search_path_text() -> str:
    return ", ".join(str(d) for d in icc_search_path())


def _ready_made(condition: PressCondition) -> list[Path]:
    found = []
    for name in condition.files:
        for folder in icc_search_path():
            if (folder / name).is_file():
                found.append(folder / name)
    return found


def read_profile(path: Path) -> Profile:
    """A CMYK output profile from a file; LayoutError if it is not one."""
    try:
        from PIL import ImageCms  # only for a profile read from a file (not a stored build)

        data = path.read_bytes()
        profile = ImageCms.getOpenProfile(BytesIO(data))
    except (OSError, ImageCms.PyCMSError) as error:
        raise LayoutError(
            f"{path}: not a readable ICC profile ({error})", hint="replace the file"
        ) from None
    space = profile.profile.xcolor_space.strip()
    if space != "CMYK":
        raise LayoutError(
            f"{path}: an ICC profile for {space}, not for a CMYK press",
            hint="use the press's CMYK output profile",
        )
    return Profile(data, _description(profile), str(path))


def _description(profile: ImageCms.ImageCmsProfile) -> str:
    from PIL import ImageCms

    return (ImageCms.getProfileDescription(profile) or "").strip()


# --- building with ArgyllCMS ---------------------------------------------------------------------


def _built(condition: PressCondition) -> Profile:
    data_file = condition.data
    assert data_file is not None
    if not data_file.is_file():
        raise LayoutError(
            f"the press condition '{condition.key}' needs the characterisation data {data_file}, "
            "which is missing",
            hint=f"install the Debian package {condition.data_package} "
            "(scripts/install-system-deps.sh does)",
        )
    colprof = shutil.which("colprof")
    if colprof is None:
        raise LayoutError(
            f"the press condition '{condition.key}' needs ArgyllCMS's colprof to build its ICC "
            f"profile from {data_file.name}, and colprof is missing",
            hint="install the Debian package argyll (scripts/install-system-deps.sh does)",
        )
    key = _build_key(condition, data_file)
    name = f"{condition.key}-{key[:16]}.icc"
    description = f"{condition.info}, {condition.tac}% (ArgyllCMS, {data_file.name})"
    source = f"built by ArgyllCMS colprof from {data_file}"
    stored = profile_store() / name
    if stored.is_file():
        data = stored.read_bytes()
        if hashlib.sha256(data).hexdigest() == _stored_digest(stored):
            return Profile(data, description, source)
    records = RecordCache(default_cache_dir())
    record = records.get("profiles", key)
    if record is not None:
        return Profile(record[1], description, source)
    print(
        f"building the {condition.identifier} press profile from {data_file.name} with "
        "ArgyllCMS (once; about half a minute)",
        file=sys.stderr,
    )
    data = _colprof(colprof, condition, data_file, description)
    if not _store(stored, data):
        records.put("profiles", key, {"condition": condition.key}, data)
    return Profile(data, description, source)


def profile_store() -> Path:
    """Where built profiles are kept: beside the virtual environment's packages."""
    return Path(sys.prefix) / "share" / "hrb-layout" / "icc"


def _stored_digest(path: Path) -> str:
    try:
        return path.with_suffix(".sha256").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _store(path: Path, data: bytes) -> bool:
    """Keep a built profile in the store, with its digest beside it; False if not writable."""
    try:
        write_bytes_atomic(path, data)
        write_bytes_atomic(path.with_suffix(".sha256"), hashlib.sha256(data).hexdigest().encode())
    except OSError:
        return False
    return True


def _build_key(condition: PressCondition, data_file: Path) -> str:
    digest = hashlib.sha256(data_file.read_bytes())
    for part in (BUILD_VERSION, condition.key, condition.tac, *COLPROF_OPTIONS):
        digest.update(str(part).encode() + b"\0")
    digest.update(SRGB.read_bytes() if SRGB.is_file() else b"")
    return digest.hexdigest()


def _colprof(colprof: str, condition: PressCondition, data_file: Path, description: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="hrb-icc-") as tmp:
        base = Path(tmp) / "data"
        shutil.copyfile(data_file, base.with_suffix(".ti3"))
        out = Path(tmp) / "out.icc"
        command = [colprof, *COLPROF_OPTIONS, f"-l{condition.tac}"]
        if SRGB.is_file():
            command += ["-S", str(SRGB)]
        command += ["-D", description, "-O", str(out), str(base)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise LayoutError(
                f"ArgyllCMS colprof did not finish building the {condition.identifier} profile "
                f"within {BUILD_TIMEOUT} s",
                hint="run `make profiles` on a quieter machine",
            ) from None
        if done.returncode != 0 or not out.is_file():
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
            raise LayoutError(
                f"ArgyllCMS colprof failed to build the {condition.identifier} profile: {last[0]}",
                hint=f"check {data_file} (package {condition.data_package})",
            )
        return fix_date(out.read_bytes())


def fix_date(data: bytes) -> bytes:
    """The profile with its header date (bytes 24-35) set to FIXED_DATE. A version 4 profile's
    ID (an MD5 over the header) would change with it; colprof writes version 2 without one."""
    date = b"".join(part.to_bytes(2, "big") for part in FIXED_DATE)
    return data[:24] + date + data[36:]


def main() -> int:
    """`python -m layout.color.profiles`: build (or find) every press profile that can be had
    from Debian packages, so that no build waits for it later."""
    from layout.color.press import CONDITIONS

    status = 0
    for condition in CONDITIONS.values():
        try:
            profile = press_profile(condition)
        except LayoutError as error:
            print(f"{condition.key}: {error}", file=sys.stderr)
            status = status or (1 if condition.data is not None else 0)
            continue
        print(f"{condition.key}: {profile.description} ({profile.source})")
    return status


if __name__ == "__main__":
    raise SystemExit(main())

"""Regenerate ``cmdresolve/data/programs.json``: the programs shipped in a few public base images.

A program is a directory entry of ``/bin``, ``/sbin``, ``/usr/bin``, ``/usr/sbin``,
``/usr/local/bin`` or ``/usr/local/sbin`` (directory symlinks followed, so ``/bin/ls`` is
listed when ``/bin`` links to ``usr/bin``) that is a regular file with an execute bit or a
symlink or hard link that resolves, inside the image, to one.  Nothing here is typed from
memory: every list is computed from the inputs below, and every tag is taken from the Docker
Official Images library files.

Inputs -- no network is used by this script; obtain them first:

1. Bare git mirrors, read with read-only ``git cat-file`` / ``git log`` (``--mirrors``, default
   ``/work/.mirror``; each is ``<owner>+<name>/repo``, e.g. made with
   ``git clone --mirror https://github.com/<owner>/<name> <owner>+<name>/repo``):

   - ``docker-library/official-images`` at :data:`READ_AT`: ``library/{busybox,alpine,debian}``
     and their history.  A tag describes the image that the NEWEST library-file revision (up to
     READ_AT) listing that tag built for amd64 (commit + directory): a tag that later moved to
     another build is not given to the build read here.
   - ``docker-library/busybox`` at :data:`BUSYBOX_COMMIT` (branch ``dist-amd64``):
     ``<dir>/rootfs.tar.gz`` of each amd64 directory, the exact layer of the image.  Read directly.
   - ``alpinelinux/docker-alpine``: each branch head ``v3.6`` .. ``v3.20`` and ``edge`` has
     ``x86_64/alpine-minirootfs-*.tar.gz``, the exact layer of the image.  Read directly.
   - ``debuerreotype/docker-debian-artifacts`` at :data:`DEBIAN_COMMIT` (``dist-amd64``): its
     rootfs tarballs are absent from the mirror (a clone without its large blobs), so the
     bookworm list is DERIVED:
     ``<suite>/rootfs.manifest`` (``dpkg-query -W`` of the built rootfs) names every installed
     package, and the programs are the union of those packages' ``data.tar`` members, plus the
     ``update-alternatives --install``/``--slave`` links their ``postinst`` scripts create, plus
     ``/usr/sbin/policy-rc.d`` written by ``debuerreotype-minimizing-config``, laid out on the
     merged ``/usr`` that ``examples/debian.sh`` requests for bookworm (``--merged-usr``; the
     installed ``usr-is-merged`` package refuses an unmerged system).  ``debuerreotype-slimify``
     (the ``-slim`` variant) only deletes paths under ``/usr/share``, checked below.  The
     ``/sbin/initctl`` stub of minimizing-config is only made when ``upstart`` is installable,
     which bookworm has no package for.  Build steps read from debuerreotype's
     ``examples/debian.sh`` (https://github.com/debuerreotype/debuerreotype/blob/
     07f67e9e0070db08c90dc0baf30c90437ec97744/examples/debian.sh) and the scripts in the .deb.

2. ``--debs DIR``: the ``.deb`` of every package in the bookworm manifest and
   ``debuerreotype_*.deb`` (0.15, the version that built the artifacts), from Debian's archive::

       git --git-dir=.../debuerreotype+docker-debian-artifacts/repo \\
           show f5527c9b022448b28981cf274721d9749d8fc5c4:bookworm/rootfs.manifest |
       while IFS=$'\\t' read -r p v; do
           apt-get download "${p%%:*}=$v" || apt-get download "${p%%:*}"
       done
       apt-get download debuerreotype

   Superseded stable-update versions are no longer in the archive; the newest bookworm version
   of the same package is then read instead and the family's ``note`` lists every such
   substitution (same upstream version, Debian stable updates only).

Not catalogued: ubuntu (the mirrored tarballs are absent and Ubuntu's archive is not reachable
here), python (CPython's ``make install`` layout per version is not among the inputs), other
Debian suites (their packages are not in the bookworm archive), non-amd64 architectures.

Usage: ``python tools/programs_catalog.py --debs DIR [--mirrors DIR] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import io
import json
import posixpath
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

READ_AT = "37079fb336f572a88700cf32e5e1f6be54a04e8f"
"""docker-library/official-images commit whose library files (and their history) give the tags."""

BUSYBOX_COMMIT = "70ce0fb98bee360bbcce132660d727bf6ce55a99"
"""docker-library/busybox ``dist-amd64`` commit named by ``library/busybox`` at READ_AT."""

DEBIAN_COMMIT = "f5527c9b022448b28981cf274721d9749d8fc5c4"
"""debuerreotype/docker-debian-artifacts ``dist-amd64`` commit (serial 20241202)."""

DEBIAN_SUITES = ("bookworm", "stable")
"""Suite directories whose manifests are bookworm's (checked) and so derivable from its .debs."""

ALPINE_BRANCHES = (*(f"v3.{minor}" for minor in range(6, 21)), "edge")

BIN_DIRS = ("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")

MERGED_USR = {"/bin": "usr/bin", "/sbin": "usr/sbin", "/lib": "usr/lib", "/lib64": "usr/lib64"}
"""Links of a merged-/usr root (checked against ``usr-is-merged``'s preinst)."""

_MAX_LINKS = 40

COMMENT = [
    "Programs of a few public base images: for each family, every entry of /bin, /sbin,",
    "/usr/bin, /usr/sbin, /usr/local/bin and /usr/local/sbin (directory symlinks followed) that",
    "is an executable regular file, or a symlink/hard link resolving inside the image to one.",
    "Generated by tools/programs_catalog.py, never typed by hand. busybox and alpine lists are",
    "read from the image's own rootfs tarball; the debian list is derived from the build's",
    "package manifest and those packages' .deb contents (see the family's note).",
    "Tags: a family lists only the tags whose newest Official Images entry (up to read_at)",
    "named the very build read, for amd64; moving tags that now name a later build are left out.",
    "Lists describe linux/amd64; other architectures may differ (busybox:latest on arm32v6 is",
    "the musl build).",
    "Matching: the reference's repository selects families; its tag is matched with fnmatch",
    "against each family's tags in order; the first match wins; no match means unknown.",
    "A program missing from a list means: not in the image as built from that source.",
]


# --- git -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mirror:
    """A bare git mirror read with read-only plumbing commands."""

    git_dir: Path
    github: str

    def run(self, *args: str) -> bytes:
        """Run ``git --git-dir=<mirror> <args>`` and return its standard output."""
        result = subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args], capture_output=True, check=True
        )
        return result.stdout

    def blob(self, commit: str, path: str) -> bytes:
        """The content of ``path`` at ``commit``."""
        return self.run("cat-file", "blob", f"{commit}:{path}")

    def text(self, commit: str, path: str) -> str:
        return self.blob(commit, path).decode("utf-8")

    def rev(self, ref: str) -> str:
        return self.run("rev-parse", "--verify", f"{ref}^{{commit}}").decode().strip()

    def ls(self, commit: str, directory: str) -> list[str]:
        out = self.run("ls-tree", "--name-only", f"{commit}:{directory}")
        return out.decode("utf-8").splitlines()

    def url(self, commit: str, path: str) -> str:
        return f"https://github.com/{self.github}/blob/{commit}/{path}"


def _mirror(root: Path, github: str) -> Mirror:
    base = root / github.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return Mirror(candidate, github)
    raise SystemExit(f"no git mirror of {github} under {base}")


# --- Official Images: which tags name which build ---------------------------------------------


@dataclass(frozen=True)
class Build:
    """What an Official Images entry builds for amd64: source commit and directory."""

    commit: str
    directory: str


def _library_entries(text: str) -> Iterator[tuple[list[str], Build]]:
    """Each entry's tags with its amd64 build, applying the file's global defaults.

    Authority: docker-library/bashbrew's RFC 2822 library format (first paragraph global,
    ``GitCommit``/``Directory`` with ``<arch>-`` overrides, ``Tags``/``SharedTags``).
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    defaults: dict[str, str] = {}
    for index, paragraph in enumerate(paragraphs):
        fields: dict[str, str] = {}
        for line in paragraph.splitlines():
            if ":" in line and not line.lstrip().startswith("#"):
                key, value = line.split(":", 1)
                fields[key.strip()] = value.strip()
        if index == 0 or "Tags" not in fields:
            defaults.update(fields)
            continue
        commit = _first(fields, defaults, "GitCommit")
        directory = _first(fields, defaults, "Directory") or "."
        tags = [t.strip() for t in fields["Tags"].split(",") if t.strip()]
        tags += [t.strip() for t in fields.get("SharedTags", "").split(",") if t.strip()]
        arches = fields.get("Architectures", defaults.get("Architectures", "amd64"))
        if commit is None or "amd64" not in [a.strip() for a in arches.split(",")]:
            continue
        yield tags, Build(commit, directory.strip("/") or ".")


def _first(entry: dict[str, str], defaults: dict[str, str], key: str) -> str | None:
    """An entry's ``amd64-<key>``, else its ``<key>``, else the file's, in that order."""
    for fields in (entry, defaults):
        for name in (f"amd64-{key}", key):
            if name in fields:
                return fields[name]
    return None


def final_builds(official: Mirror, name: str) -> dict[str, Build]:
    """Each tag of ``library/<name>`` mapped to the amd64 build of its newest listing."""
    log = official.run("log", "--format=%H", READ_AT, "--", f"library/{name}")
    builds: dict[str, Build] = {}
    for commit in log.decode().split():  # newest first
        for tags, build in _library_entries(official.text(commit, f"library/{name}")):
            for tag in tags:
                builds.setdefault(tag, build)
    return builds


def tags_of(builds: dict[str, Build], commit: str, directory: str) -> list[str]:
    """The tags whose final build is ``commit``:``directory``, in library order."""
    return [t for t, b in builds.items() if b.commit == commit and b.directory == directory]


# --- a root file system model ----------------------------------------------------------------


@dataclass
class Node:
    kind: str  # "file", "dir" or "symlink"
    mode: int = 0
    target: str = ""


@dataclass
class RootFS:
    """Paths of an image's file system, enough to decide what ``execve`` would find."""

    nodes: dict[str, Node] = field(default_factory=lambda: {"/": Node("dir", 0o755)})

    def resolve(self, path: str, hops: int = 0) -> str | None:
        """The real path of ``path``, following symlinks in every component; None if absent."""
        parts = [p for p in path.split("/") if p not in ("", ".")]
        current = "/"
        for index, part in enumerate(parts):
            if part == "..":
                current = posixpath.dirname(current)
                continue
            candidate = posixpath.join(current, part)
            node = self.nodes.get(candidate)
            if node is None:
                return None
            if node.kind == "symlink":
                if hops >= _MAX_LINKS:
                    return None
                target = posixpath.join(current, node.target)
                rest = "/".join(parts[index + 1 :])
                return self.resolve(posixpath.join(target, rest) if rest else target, hops + 1)
            current = candidate
        return current

    def place(self, path: str) -> str:
        """Where a new entry at ``path`` lands: its parent directory resolved through symlinks."""
        parent, name = posixpath.split(_absolute(path))
        real = self.resolve(parent)
        if real is None:
            self.mkdirs(parent)
            real = self.resolve(parent)
            assert real is not None
        return posixpath.join(real, name)

    def mkdirs(self, path: str) -> None:
        current = "/"
        for part in [p for p in path.split("/") if p]:
            current = posixpath.join(current, part)
            real = self.resolve(current)
            if real is None:
                self.nodes[current] = Node("dir", 0o755)
            else:
                current = real

    def add(self, path: str, node: Node) -> None:
        """Add an entry as an unpacker would: through symlinked parents, keeping dir symlinks."""
        where = self.place(path)
        existing = self.nodes.get(where)
        if node.kind == "dir" and existing is not None:
            return  # an existing directory or directory symlink stays (dpkg, tar -x alike)
        self.nodes[where] = node

    def programs(self) -> list[str]:
        """Every executable entry of :data:`BIN_DIRS`, under each directory's own name."""
        children: dict[str, list[str]] = {}
        for path in self.nodes:
            if path != "/":
                children.setdefault(posixpath.dirname(path), []).append(path)
        found: set[str] = set()
        for directory in BIN_DIRS:
            real = self.resolve(directory)
            if real is None or self.nodes[real].kind != "dir":
                continue
            for entry in children.get(real, []):
                final = self.resolve(entry)
                node = self.nodes.get(final) if final is not None else None
                if node is not None and node.kind == "file" and node.mode & 0o111:
                    found.add(posixpath.join(directory, posixpath.basename(entry)))
        return sorted(found)


def _absolute(name: str) -> str:
    """A tar member name (``./usr/bin/x``, ``usr/bin/x``) as an absolute path."""
    while name.startswith("./"):
        name = name[2:]
    return posixpath.normpath("/" + name.lstrip("/"))


def _tar_nodes(archive: tarfile.TarFile) -> Iterator[tuple[str, Node]]:
    """``(path, node)`` per member; a hard link becomes a file with its target's mode."""
    modes: dict[str, int] = {}
    for member in archive.getmembers():
        path = _absolute(member.name)
        if member.isdir():
            yield path, Node("dir", member.mode)
        elif member.issym():
            yield path, Node("symlink", member.mode, member.linkname)
        elif member.islnk():
            source = _absolute(member.linkname)
            if source not in modes:
                raise ValueError(f"hard link {path} to unknown {source}")
            yield path, Node("file", modes[source])
        elif member.isfile():
            modes[path] = member.mode
            yield path, Node("file", member.mode)


def rootfs_from_tar(data: bytes) -> RootFS:
    """The file system a layer tarball unpacks to on an empty root."""
    root = RootFS()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for path, node in _tar_nodes(archive):
            if path != "/":
                root.add(path, node)
    return root


# --- busybox --------------------------------------------------------------------------------


def busybox_families(mirrors: Path, official: Mirror) -> list[dict[str, object]]:
    """One family per amd64 directory of :data:`BUSYBOX_COMMIT` that has tags."""
    repo = _mirror(mirrors, "docker-library/busybox")
    builds = final_builds(official, "busybox")
    families: list[dict[str, object]] = []
    for version in repo.ls(BUSYBOX_COMMIT, ""):
        if not version.startswith("latest"):
            continue
        for variant in repo.ls(BUSYBOX_COMMIT, version):
            directory = f"{version}/{variant}/amd64"
            tags = tags_of(builds, BUSYBOX_COMMIT, directory)
            if not tags:
                continue
            config = json.loads(repo.text(BUSYBOX_COMMIT, f"{directory}/image-config.json"))
            created_by = config["history"][0]["created_by"]  # "BusyBox 1.38.0 (glibc), ..."
            built = re.match(r"BusyBox (\S+) \((\w+)\)", created_by)
            if built is None:
                raise SystemExit(f"{directory}: unexpected history {created_by!r}")
            tarball = f"{directory}/rootfs.tar.gz"
            families.append(
                {
                    "repository": "busybox",
                    "label": f"busybox:{built[1]}-{built[2]} (amd64)",
                    "tags": tags,
                    "source": repo.url(BUSYBOX_COMMIT, tarball),
                    "paths": rootfs_from_tar(repo.blob(BUSYBOX_COMMIT, tarball)).programs(),
                }
            )
    return families


# --- alpine ---------------------------------------------------------------------------------


def alpine_families(mirrors: Path, official: Mirror) -> list[dict[str, object]]:
    """One family per branch of docker-alpine, newest first; tags whose final build it is."""
    repo = _mirror(mirrors, "alpinelinux/docker-alpine")
    builds = final_builds(official, "alpine")
    families: list[dict[str, object]] = []
    for branch in reversed(ALPINE_BRANCHES):
        commit = repo.rev(branch)
        version = repo.text(commit, "VERSION").strip()
        tags = tags_of(builds, commit, "x86_64")
        tarballs = [n for n in repo.ls(commit, "x86_64") if n.endswith(".tar.gz")]
        if not tags or len(tarballs) != 1:
            print(f"alpine {branch}: no tag names this build or no single tarball", file=sys.stderr)
            continue
        tarball = f"x86_64/{tarballs[0]}"
        families.append(
            {
                "repository": "alpine",
                "label": f"alpine:{version} (x86_64 minirootfs)",
                "tags": tags,
                "source": repo.url(commit, tarball),
                "paths": rootfs_from_tar(repo.blob(commit, tarball)).programs(),
            }
        )
    return families


# --- debian ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deb:
    """A binary package: its name, version, data members and maintainer scripts."""

    name: str
    version: str
    data: bytes
    control: dict[str, bytes]


def _ar_members(blob: bytes) -> Iterator[tuple[str, bytes]]:
    """Members of an ``ar`` archive (the .deb container; deb(5))."""
    if not blob.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    offset = 8
    while offset + 60 <= len(blob):
        header = blob[offset : offset + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        offset += 60
        yield name, blob[offset : offset + size]
        offset += size + (size % 2)


def _untar(blob: bytes, name: str) -> tarfile.TarFile:
    if name.endswith(".zst"):
        raise ValueError(f"{name}: zstd members are not supported")
    return tarfile.open(fileobj=io.BytesIO(blob), mode="r:*")


def read_deb(path: Path) -> Deb:
    """Parse a ``.deb``: ``control.tar.*`` (control, maintainer scripts) and ``data.tar.*``."""
    data = b""
    control: dict[str, bytes] = {}
    for name, blob in _ar_members(path.read_bytes()):
        if name.startswith("data.tar"):
            data = blob
        elif name.startswith("control.tar"):
            with _untar(blob, name) as archive:
                for member in archive.getmembers():
                    handle = archive.extractfile(member) if member.isfile() else None
                    if handle is not None:
                        control[posixpath.basename(member.name)] = handle.read()
    fields = dict(
        line.split(": ", 1)
        for line in control["control"].decode().splitlines()
        if ": " in line and not line.startswith(" ")
    )
    return Deb(fields["Package"], fields["Version"], data, control)


_ALTERNATIVE = re.compile(
    r"--install\s+(\S+)\s+(\S+)\s+(\S+)\s+\d+|--slave\s+(\S+)\s+(\S+)\s+(\S+)"
)


def alternatives(script: str) -> list[tuple[str, str]]:
    """``(link, path)`` of each ``update-alternatives --install``/``--slave`` in a script.

    Authority: update-alternatives(1): ``--install link name path priority [--slave link name
    path]...`` makes ``link`` -> ``/etc/alternatives/name`` -> ``path``.
    """
    joined = script.replace("\\\n", " ")
    links: list[tuple[str, str]] = []
    for line in joined.splitlines():
        if "update-alternatives" not in line or line.lstrip().startswith("#"):
            continue
        for match in _ALTERNATIVE.finditer(line):
            link, _name, target = (g for g in match.groups() if g is not None)
            if "$" in link or "$" in target:
                raise ValueError(f"unexpanded variable in alternative: {line.strip()}")
            links.append((link, target))
    return links


def load_debs(directory: Path) -> dict[str, list[Deb]]:
    debs: dict[str, list[Deb]] = {}
    for path in sorted(directory.glob("*.deb")):
        deb = read_deb(path)
        debs.setdefault(deb.name, []).append(deb)
    return debs


def _pick(debs: dict[str, list[Deb]], name: str, version: str) -> Deb:
    candidates = debs.get(name)
    if not candidates:
        raise SystemExit(f"missing .deb for {name} (manifest version {version})")
    exact = [d for d in candidates if d.version == version]
    return exact[0] if exact else candidates[-1]


def _debuerreotype_scripts(debs: dict[str, list[Deb]]) -> dict[str, str]:
    """debuerreotype's scripts by file name, read from its .deb."""
    deb = _pick(debs, "debuerreotype", "")
    scripts: dict[str, str] = {}
    with _untar(deb.data, "data.tar") as archive:
        for member in archive.getmembers():
            if "/debuerreotype/scripts/" in member.name and member.isfile():
                handle = archive.extractfile(member)
                if handle is not None:
                    scripts[posixpath.basename(member.name)] = handle.read().decode()
    return scripts


def _check_debuerreotype(scripts: dict[str, str]) -> None:
    """Fail unless slimify and the tar step leave every program directory alone."""
    excludes = [
        line for line in scripts[".slimify-excludes"].splitlines() if line and line[0] != "#"
    ]
    if not all(line.startswith("/usr/share/") for line in excludes):
        raise SystemExit(f"slimify excludes something outside /usr/share: {excludes}")
    tar_excludes = [
        line for line in scripts[".tar-exclude"].splitlines() if line and line[0] != "#"
    ]
    if any(line.startswith(("./usr", "./bin", "./sbin")) for line in tar_excludes):
        raise SystemExit(f"debuerreotype-tar excludes a program directory: {tar_excludes}")
    if 'cat > "$targetDir/usr/sbin/policy-rc.d"' not in scripts["debuerreotype-minimizing-config"]:
        raise SystemExit("debuerreotype-minimizing-config no longer writes /usr/sbin/policy-rc.d")


def debian_rootfs(manifest: str, debs: dict[str, list[Deb]]) -> tuple[RootFS, list[str]]:
    """The derived bookworm root: merged /usr, every package unpacked, alternatives linked."""
    root = RootFS()
    root.mkdirs("/usr/bin")
    root.mkdirs("/usr/sbin")
    root.mkdirs("/usr/lib")
    root.mkdirs("/usr/lib64")
    for link, target in MERGED_USR.items():
        root.nodes[link] = Node("symlink", 0o777, target)
    substituted: list[str] = []
    unpacked: list[Deb] = []
    for line in manifest.splitlines():
        package, version = line.split("\t")
        deb = _pick(debs, package.split(":")[0], version)
        if deb.version != version:
            substituted.append(f"{deb.name} {version} -> {deb.version}")
        unpacked.append(deb)
        with _untar(deb.data, "data.tar") as archive:
            for path, node in _tar_nodes(archive):
                if path != "/":
                    root.add(path, node)
    merged_check = next(d for d in unpacked if d.name == "usr-is-merged").control["preinst"]
    if b'local directories="/bin /sbin /lib"' not in merged_check:
        raise SystemExit("usr-is-merged's preinst changed: recheck MERGED_USR")
    for deb in unpacked:
        script = deb.control.get("postinst", b"").decode()
        for link, target in alternatives(script):
            root.add(link, Node("symlink", 0o777, target))
    root.add("/usr/sbin/policy-rc.d", Node("file", 0o755))
    for required in ("/bin/sh", "/usr/bin/touch"):  # bash's and coreutils' postinst fallbacks
        if root.resolve(required) is None:
            raise SystemExit(f"{required} missing: a postinst would have created it")
    return root, substituted


def debian_families(mirrors: Path, official: Mirror, deb_dir: Path) -> list[dict[str, object]]:
    """One family for the bookworm manifest of :data:`DEBIAN_COMMIT` (full and slim)."""
    repo = _mirror(mirrors, "debuerreotype/docker-debian-artifacts")
    builds = final_builds(official, "debian")
    debs = load_debs(deb_dir)
    _check_debuerreotype(_debuerreotype_scripts(debs))
    manifest_path = f"{DEBIAN_SUITES[0]}/rootfs.manifest"
    manifest = repo.text(DEBIAN_COMMIT, manifest_path)
    tags: list[str] = []
    for suite in DEBIAN_SUITES:
        for variant in ("", "/slim"):
            directory = f"{suite}{variant}"
            if repo.text(DEBIAN_COMMIT, f"{directory}/rootfs.manifest") != manifest:
                raise SystemExit(f"{directory}: manifest differs from {manifest_path}")
            for build_dir in (directory, f"{directory}/oci"):
                tags += tags_of(builds, DEBIAN_COMMIT, build_dir)
    root, substituted = debian_rootfs(manifest, debs)
    serial = repo.text(DEBIAN_COMMIT, "serial").strip()
    point = repo.text(DEBIAN_COMMIT, f"{DEBIAN_SUITES[0]}/rootfs.debian_version").strip()
    note = (
        "Derived, not read from a rootfs: the manifest's packages' data.tar members + their "
        "postinst update-alternatives links + /usr/sbin/policy-rc.d (debuerreotype 0.15 "
        "minimizing-config), on merged /usr; slim removes only /usr/share files."
    )
    if substituted:
        note += (
            " Versions no longer in Debian's archive were read from the newest bookworm "
            "package instead: " + "; ".join(substituted) + "."
        )
    return [
        {
            "repository": "debian",
            "label": f"debian:bookworm-{serial} (Debian {point}, amd64)",
            "tags": tags,
            "source": repo.url(DEBIAN_COMMIT, manifest_path),
            "note": note,
            "paths": root.programs(),
        }
    ]


# --- output ---------------------------------------------------------------------------------


def render(families: Iterable[dict[str, object]]) -> str:
    """JSON with one line per family field: compact, and diffs stay readable."""
    comment = ",\n".join(f"    {json.dumps(line)}" for line in COMMENT)
    items = []
    for family in families:
        body = ",\n".join(f"      {json.dumps(k)}: {json.dumps(v)}" for k, v in family.items())
        items.append("    {\n" + body + "\n    }")
    return (
        "{\n"
        f'  "_comment": [\n{comment}\n  ],\n'
        '  "schema_version": 1,\n'
        f'  "read_at": "docker-library/official-images@{READ_AT}",\n'
        '  "families": [\n' + ",\n".join(items) + "\n  ]\n"
        "}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--debs", type=Path, required=True, help="directory of bookworm .debs")
    default_output = Path(__file__).resolve().parents[1] / "cmdresolve" / "data" / "programs.json"
    parser.add_argument("--output", type=Path, default=default_output)
    args = parser.parse_args(argv)
    official = _mirror(args.mirrors, "docker-library/official-images")
    families = [
        *busybox_families(args.mirrors, official),
        *alpine_families(args.mirrors, official),
        *debian_families(args.mirrors, official, args.debs),
    ]
    for family in families:
        paths = family["paths"]
        assert isinstance(paths, list)
        print(f"{family['label']}: {len(paths)} programs, tags {family['tags']}", file=sys.stderr)
    args.output.write_text(render(families), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

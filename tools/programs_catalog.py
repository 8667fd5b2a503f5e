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

   - ``docker-library/official-images`` at :data:`READ_AT`:
     ``library/{busybox,alpine,debian,ubuntu,python}`` and their history.  A tag describes the image
     that the NEWEST library-file revision (up to READ_AT) listing that tag built for amd64
     (commit + directory): a tag that later moved to another build is not given to the build
     read here.
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

3. ``--ubuntu DIR``, for each build of :data:`UBUNTU_BUILDS` (the Official Images ``ubuntu``
   images are imported by Canonical from ``git.launchpad.net/cloud-images/+oci/ubuntu-base``;
   their root file systems are not mirrored, so the lists are DERIVED like bookworm's):

   - ``DIR/repo-info/<commit>/repos/ubuntu/local/<serial tag>.md``: docker-library/repo-info's
     record of that image (``Image ID``, then ``dpkg-query`` of every installed binary package
     with its version), saved from
     ``https://raw.githubusercontent.com/docker-library/repo-info/<commit>/<path>``.  Only its
     ``Binary Packages`` lists and ``Docker Metadata`` are read, so an excerpt holding those
     lines verbatim gives the same result.
   - ``DIR/<codename>/``: the ``.deb`` of every package at the exact recorded version, and
     ``livecd-rootfs_<version>_amd64.deb`` (the image builder, see ``UbuntuBuild``), from
     ``http://archive.ubuntu.com/ubuntu/``.  With an apt configuration for the release (e.g.
     ``APT_CONFIG`` naming ``Dir`` and a ``sources.list`` of ``<codename>``,
     ``<codename>-updates`` and ``<codename>-security``, ``main``, ``signed-by`` the
     ``ubuntu-archive-keyring.gpg`` of ``ubuntu-keyring``)::

         grep -o '^- `[^`]*=[^`]*`$' <manifest> | sed 's/^- `//; s/`$//' |
         while IFS== read -r p v; do apt-get download "${p%%:*}=$v"; done

     Superseded ``-updates``/``-security`` versions have left the indexes but are still in
     the pool: fetch those as ``pool/main/<prefix>/<source>/<package>_<version without
     epoch>_<amd64|all>.deb`` (source package from the manifest's ``dpkg source package``
     heading).  They are not covered by any signed index any more; each ``.deb``'s own
     ``Package``/``Version``/``Architecture`` are checked against the manifest.  A version no
     longer in the pool at all would be replaced by the newest one given and listed in the
     family's ``note`` (as for bookworm); none is at present.

   The image is the ``ubuntu-oci`` project, ``minimized`` subproject, of ``livecd-rootfs``
   (``live-build/auto/config`` installs ``unminimize`` only there, and noble's manifest has
   it; jammy's build comes from the same ``+oci/ubuntu-base`` repository): the programs are
   the manifest's packages' ``data.tar`` members + their ``postinst`` update-alternatives
   links, on merged ``/usr`` (noble: ``base-files`` ships ``/bin -> usr/bin``; jammy: the
   installed ``usrmerge``'s postinst runs ``convert-usrmerge``), + the executables
   ``live-build/auto/build`` (minimized: ``/usr/bin/man`` stub, jammy's
   ``/usr/local/sbin/unminimize``) and ``live-build/functions :: configure_oci``
   (``/usr/sbin/policy-rc.d``, ``/sbin/initctl``) write.  The minimized image's
   ``/etc/dpkg/dpkg.cfg.d/excludes`` drop only ``/usr/share`` files (checked).  Every write
   into a program directory those scripts contain must be one reviewed in
   :data:`LIVECD_WRITES`, or generation stops.  Needs ``zstd`` on ``PATH`` (Ubuntu's ``.deb``
   members are ``.tar.zst``).

4. ``--python DIR`` and ``--pyenv DIR``, for each build of :data:`PYTHON_BUILDS` (the
   ``python:<ver>-slim-<suite>`` images: ``debian:<suite>-slim`` + runtime packages + CPython
   built from source into ``/usr/local``):

   - ``DIR/repo-info/<commit>/repos/python/local/<tag>.md``: repo-info's record of the image
     (as for ubuntu; its ``PYTHON_VERSION`` is also read; an excerpt of those lines suffices).
   - ``DIR/docker-library-python/<commit>/<directory>/Dockerfile``: the Dockerfile the library
     entry names, saved from docker-library/python (checked: ``FROM debian:<suite>-slim``, the
     record's ``PYTHON_VERSION``, ``make install`` with ensurepip, nothing else written to
     ``/usr/local/bin`` but its ``ln -svT`` loop).
   - ``DIR/<suite>/``: the ``.deb`` of every package at its recorded version, from
     ``http://deb.debian.org/debian/pool/main/`` (or ``debian-security``).
   - ``--pyenv`` (default ``/root/.pyenv/versions``): ``<version>/bin`` of a pyenv build of the
     same minor version.  CPython's source is not among the inputs, so ``/usr/local/bin`` is a
     documented SUPERSET: that listing (``make install`` + pyenv's unversioned links) + the
     Dockerfile's links + ``pip``/``pip3``/``pip3.X``.

Not catalogued: other python variants and minor versions (no record read, or no pyenv build),
other Debian suites (their packages are not in the bookworm archive), Ubuntu builds other than
:data:`UBUNTU_BUILDS` (moving tags such as ``latest`` name later builds), non-amd64
architectures.

Usage: ``python tools/programs_catalog.py --debs DIR --ubuntu DIR --python DIR [--pyenv DIR]
[--mirrors DIR] [--output FILE]``.
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


@dataclass(frozen=True)
class UbuntuBuild:
    """One Ubuntu image build: the tag naming only it, its repo-info record, its builder."""

    serial_tag: str
    """``<codename>-<serial>``: the Official Images tag of this build alone."""
    repo_info_commit: str
    """docker-library/repo-info commit holding ``repos/ubuntu/local/<serial_tag>.md``."""
    livecd_rootfs: str
    """The livecd-rootfs version whose ``live-build`` scripts are read for the build steps."""

    @property
    def codename(self) -> str:
        return self.serial_tag.split("-", 1)[0]

    @property
    def manifest(self) -> str:
        return f"repos/ubuntu/local/{self.serial_tag}.md"


UBUNTU_BUILDS = (
    UbuntuBuild("noble-20260810", "d0373f49140cbdb452a87ac18f6755809629864d", "24.04.97"),
    UbuntuBuild("jammy-20260810", "98203568fb601e691590660c5df3943021def247", "2.765.57"),
)
"""The builds ``library/ubuntu`` names at READ_AT for ``24.04`` and ``22.04``.

noble-20260810's record has the Image ID (``sha256:a6f81fb6...``) of repo-info's
``repos/ubuntu/local/24.04.md`` at 34e0037a44e0990e8bd1ee7cc265e12874b1c0ed.  livecd-rootfs:
noble's 24.04.97 (29 May 2026) is the newest in the pool published before the serial (24.04.98
is gone from the pool, 24.04.99 is dated 11 Aug 2026); 24.04.99's ``auto/build`` and
``functions`` are byte-identical to 24.04.97's.  jammy's 2.765.57 (Oct 2025) is the newest
jammy livecd-rootfs, so the one that built a 2026 serial.
"""

LIVECD_WRITES: dict[str, tuple[str, ...]] = {
    "/usr/bin/man": ("cat > chroot/usr/bin/man << EOF", "chmod +x chroot/usr/bin/man"),
    "/usr/local/sbin/unminimize": (
        "cat > chroot/usr/local/sbin/unminimize <<'EOF'",
        "chmod +x chroot/usr/local/sbin/unminimize",
    ),
    "/usr/sbin/policy-rc.d": (
        "echo '#!/bin/sh' > ${chroot}/usr/sbin/policy-rc.d",
        'Chroot ${chroot} "chmod +x /usr/sbin/policy-rc.d"',
    ),
    "/sbin/initctl": ("cp -a ${chroot}/usr/sbin/policy-rc.d ${chroot}/sbin/initctl",),
    "/usr/bin/man.REAL": (),
    "/usr/sbin/update-initramfs": (),
    "/usr/sbin/update-initramfs.REAL": (),
    "/usr/bin/systemd-detect-virt": (),
    "/usr/sbin/NetworkManager": (),
    "/bin/bash": (),
}
"""Every program-directory path livecd-rootfs' ``auto/build`` and ``functions`` name in a
command (heredoc bodies and comments aside), reviewed: a path with statements is an executable
the ``ubuntu-oci:minimized`` image keeps (each statement must be in the scripts); one without
is no lasting program: ``man.REAL`` is a diversion of a man that is not installed,
``update-initramfs`` and ``systemd-detect-virt`` are build-time stubs that
``undivert_update_initramfs`` and ``undivert_grub`` remove again (with their diversions),
``NetworkManager`` is only tested for, ``/bin/bash`` is the ``ubuntu`` user's shell.  A path
not listed stops generation."""

BIN_DIRS = ("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin")

MERGED_USR = {"/bin": "usr/bin", "/sbin": "usr/sbin", "/lib": "usr/lib", "/lib64": "usr/lib64"}
"""Links of a merged-/usr root (checked against ``usr-is-merged``'s preinst)."""

_MAX_LINKS = 40

COMMENT = [
    "Programs of a few public base images: for each family, every entry of /bin, /sbin,",
    "/usr/bin, /usr/sbin, /usr/local/bin and /usr/local/sbin (directory symlinks followed) that",
    "is an executable regular file, or a symlink/hard link resolving inside the image to one.",
    "Generated by tools/programs_catalog.py, never typed by hand. busybox and alpine lists are",
    "read from the image's own rootfs tarball; the debian, ubuntu and python lists are derived",
    "from the build's package manifest and those packages' .deb contents; python's /usr/local/bin",
    "is a documented superset of CPython's install (see the family's note).",
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
    architecture: str = ""


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
    """A ``.deb`` member as a tar archive; ``.zst`` (Ubuntu) through the ``zstd`` program."""
    if name.endswith(".zst"):
        blob = _unzstd(blob)
    return tarfile.open(fileobj=io.BytesIO(blob), mode="r:*")


def read_deb(path: Path) -> Deb:
    """Parse a ``.deb``: ``control.tar.*`` (control, maintainer scripts) and ``data.tar.*``."""
    data = b""
    control: dict[str, bytes] = {}
    for name, blob in _ar_members(path.read_bytes()):
        if name.startswith("data.tar"):
            data = blob
            if name.endswith(".zst"):  # decompressed once here, so callers read plain tar
                data = _unzstd(blob)
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
    return Deb(fields["Package"], fields["Version"], data, control, fields["Architecture"])


def _unzstd(blob: bytes) -> bytes:
    """A ``.zst`` member's bytes, decompressed by the ``zstd`` program."""
    return subprocess.run(["zstd", "-dc"], input=blob, capture_output=True, check=True).stdout


_ALTERNATIVE = re.compile(
    r"--install\s+(\S+)\s+(\S+)\s+(\S+)\s+\d+|--slave\s+(\S+)\s+(\S+)\s+(\S+)"
)


def alternatives(script: str, templated: list[str] | None = None) -> list[tuple[str, str]]:
    """``(link, path)`` of each ``update-alternatives --install``/``--slave`` in a script.

    A line whose link or path holds a shell variable raises, unless ``templated`` is given:
    the line is then appended to it for the caller to judge.

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
                if templated is None:
                    raise ValueError(f"unexpanded variable in alternative: {line.strip()}")
                templated.append(line.strip())
                continue
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


# --- ubuntu ---------------------------------------------------------------------------------


_BINARY_PACKAGE = re.compile(r"- `([a-z0-9][a-z0-9+.-]*)(?::([a-z0-9]+))?=([^`\s]+)`")


def repo_info_packages(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The Image ID and ``(package, version)`` of every binary package a repo-info record lists.

    Authority: docker-library/repo-info ``.template-helpers``' local report layout: ``Docker
    Metadata`` (``- Image ID:``, ``- Arch:``), then per source package a ``Binary Packages:``
    list of ``- `name[:arch]=version` `` lines.
    """
    image_id = re.search(r"^- Image ID: `(sha256:[0-9a-f]{64})`$", text, re.MULTILINE)
    if image_id is None or "\n- Arch: `linux`/`amd64`\n" not in text:
        raise SystemExit("repo-info record: no Image ID or not linux/amd64")
    packages: list[tuple[str, str]] = []
    listing = False
    for line in text.splitlines():
        if line == "Binary Packages:":
            listing = True
        elif listing and line:
            match = _BINARY_PACKAGE.fullmatch(line)
            if match is None:
                listing = False
                continue
            if match[2] not in (None, "amd64"):
                raise SystemExit(f"repo-info record: foreign architecture in {line}")
            packages.append((match[1], match[3]))
    if not packages or len({p for p, _ in packages}) != len(packages):
        raise SystemExit("repo-info record: no package list, or a package listed twice")
    return image_id[1], packages


def _deb_files(deb: Deb, prefix: str) -> dict[str, str]:
    """Regular files of a .deb's data under ``prefix`` (``./`` stripped), as text."""
    files: dict[str, str] = {}
    with _untar(deb.data, "data.tar") as archive:
        for member in archive.getmembers():
            path = _absolute(member.name)
            if member.isfile() and path.startswith(prefix):
                handle = archive.extractfile(member)
                if handle is not None:
                    files[path.removeprefix(prefix)] = handle.read().decode()
    return files


def _livecd_programs(
    debs: dict[str, list[Deb]], build: UbuntuBuild, packages: set[str]
) -> list[str]:
    """The executables livecd-rootfs writes into an ``ubuntu-oci:minimized`` image.

    Checks, from the scripts of :attr:`UbuntuBuild.livecd_rootfs`: the minimized block and
    ``configure_oci`` are applied to ``ubuntu-oci`` builds, every program-directory path the
    scripts name is reviewed in :data:`LIVECD_WRITES`, ``unminimize`` comes either from the
    package (which ``auto/config`` adds to ``ubuntu-oci:minimized`` only, LP: #2078583) or
    from the script, and the dpkg ``path-exclude`` rules of the minimized image touch only
    ``/usr/share``.
    """
    deb = _pick(debs, "livecd-rootfs", build.livecd_rootfs)
    if deb.version != build.livecd_rootfs:
        raise SystemExit(f"livecd-rootfs {build.livecd_rootfs} missing for {build.serial_tag}")
    scripts = _deb_files(deb, "/usr/share/livecd-rootfs/live-build/")
    text = scripts["auto/build"] + scripts["functions"]
    for needed in (
        'if [ "${SUBPROJECT:-}" = minimized ] || [ "${PROJECT}" = "ubuntu-server" ]; then',
        "configure_oci chroot",
        "rm -f chroot/usr/sbin/update-initramfs",
    ):
        if needed not in text:
            raise SystemExit(f"livecd-rootfs {deb.version}: no longer has {needed!r}")
    if "\tubuntu-oci)\n" not in scripts["auto/config"]:
        raise SystemExit(f"livecd-rootfs {deb.version}: no ubuntu-oci project")
    named = _program_paths_in_commands(text)
    unknown = named - LIVECD_WRITES.keys()
    if unknown:
        raise SystemExit(f"livecd-rootfs {deb.version} writes unreviewed paths: {sorted(unknown)}")
    programs: list[str] = []
    for path in sorted(named):
        statements = LIVECD_WRITES[path]
        missing = [s for s in statements if s not in text]
        if missing:
            raise SystemExit(f"livecd-rootfs {deb.version}: {path} no longer made by {missing}")
        if statements:
            programs.append(path)
    packaged = "unminimize" in packages
    if packaged == ("/usr/local/sbin/unminimize" in programs) or (
        packaged and "add_package install unminimize" not in scripts["auto/config"]
    ):
        raise SystemExit(f"{build.serial_tag}: unminimize neither packaged nor scripted, or both")
    excludes = re.search(
        r"cat > chroot/etc/dpkg/dpkg\.cfg\.d/excludes <<EOF\n(.*?)\nEOF\n", text, re.DOTALL
    )
    if excludes is None:
        raise SystemExit(f"livecd-rootfs {deb.version}: dpkg excludes not found")
    rules = [r.split("=", 1)[1] for r in excludes[1].splitlines() if r.startswith("path-exclude=")]
    if not rules or not all(rule.startswith("/usr/share/") for rule in rules):
        raise SystemExit(f"livecd-rootfs {deb.version}: dpkg excludes outside /usr/share: {rules}")
    return programs


_PROGRAM_PATH = re.compile(
    r"(?:^|(?<=[\s\"'=(]))(?:chroot|\$\{?\w+\}?\"?)?(/(?:usr/)?(?:local/)?s?bin/[\w.+-]+)"
)


def _program_paths_in_commands(script: str) -> set[str]:
    """Program-directory paths a shell script names in its commands, bare or under a chroot
    (``chroot/usr/bin/x``, ``${chroot}/sbin/x``, ``"$CHROOT_ROOT"/usr/bin/x``); comments,
    shebangs and here-document bodies are skipped."""
    found: set[str] = set()
    end: str | None = None
    for line in script.splitlines():
        if end is not None:
            end = None if line.strip() == end else end
            continue
        code = "" if line.lstrip().startswith("#") else line.split(" #", 1)[0]
        found.update(_PROGRAM_PATH.findall(code))
        heredoc = re.search(r"<<-?\s*[\"']?(\w+)", code)
        if heredoc is not None:
            end = heredoc[1]
    return found


def _merged_usr_evidence(unpacked: dict[str, Deb]) -> str:
    """How the image's ``/usr`` is merged, checked against the package that merges it.

    Authority: noble's ``base-files`` ships the ``/bin -> usr/bin`` (etc.) links itself;
    jammy's installed ``usrmerge`` runs ``/usr/lib/usrmerge/convert-usrmerge`` from its
    postinst, which turns ``/bin``, ``/sbin`` and ``/lib`` (and lib64 on amd64) into links.
    """
    base_files = unpacked["base-files"]
    with _untar(base_files.data, "data.tar") as archive:
        links = {_absolute(m.name): m.linkname for m in archive.getmembers() if m.issym()}
    shipped = {path: links[path] for path in MERGED_USR if path in links}
    if shipped == MERGED_USR:
        return f"base-files {base_files.version} ships /bin -> usr/bin"
    if shipped:
        raise SystemExit(f"base-files ships some merged-/usr links only: {shipped}")
    usrmerge = unpacked.get("usrmerge")
    if usrmerge is None:
        raise SystemExit("neither base-files nor usrmerge merges /usr")
    convert = _deb_files(usrmerge, "/usr/lib/usrmerge/")["convert-usrmerge"]
    postinst = usrmerge.control["postinst"].decode()
    if "unshift(@dirs, qw(bin sbin lib));" not in convert or "convert-usrmerge" not in postinst:
        raise SystemExit("usrmerge changed: recheck MERGED_USR")
    return f"usrmerge {usrmerge.version} merges /usr"


def _os_release(deb: Deb) -> str:
    """``PRETTY_NAME`` of base-files' ``/usr/lib/os-release``."""
    text = _deb_files(deb, "/usr/lib/")["os-release"]
    match = re.search(r'^PRETTY_NAME="([^"]+)"$', text, re.MULTILINE)
    if match is None:
        raise SystemExit("base-files: os-release has no PRETTY_NAME")
    return match[1]


def ubuntu_rootfs(
    packages: list[tuple[str, str]], debs: dict[str, list[Deb]]
) -> tuple[RootFS, dict[str, Deb], list[str], str]:
    """The derived root: merged /usr, every package unpacked, alternatives linked."""
    unpacked: dict[str, Deb] = {}
    substituted: list[str] = []
    for package, version in packages:
        deb = _pick(debs, package, version)
        if deb.version != version:
            substituted.append(f"{deb.name} {version} -> {deb.version}")
        if deb.architecture not in ("amd64", "all"):
            raise SystemExit(f"{deb.name}: architecture {deb.architecture}")
        unpacked[package] = deb
    merged = _merged_usr_evidence(unpacked)
    root = RootFS()
    for directory in ("/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64"):
        root.mkdirs(directory)
    for link, target in MERGED_USR.items():
        root.nodes[link] = Node("symlink", 0o777, target)
    owners: dict[str, str] = {}
    for deb in unpacked.values():
        with _untar(deb.data, "data.tar") as archive:
            for path, node in _tar_nodes(archive):
                if path == "/":
                    continue
                where = root.place(path)  # dpkg refuses to overwrite another package's file
                if node.kind != "dir" and owners.setdefault(where, deb.name) != deb.name:
                    raise SystemExit(f"{where} shipped by {owners[where]} and {deb.name}")
                root.add(path, node)
    for deb in unpacked.values():
        templated: list[str] = []
        script = deb.control.get("postinst", b"").decode()
        for link, target in alternatives(script, templated):
            root.add(link, Node("symlink", 0o777, target))
        if templated and not _procps_guarded(deb, script):
            raise SystemExit(f"{deb.name}: alternatives with variables: {templated}")
    for required in ("/bin/sh", "/usr/bin/touch"):  # bash's and coreutils' postinst fallbacks
        if root.resolve(required) is None:
            raise SystemExit(f"{required} missing: a postinst would have created it")
    return root, unpacked, substituted, merged


def _procps_guarded(deb: Deb, script: str) -> bool:
    """Whether procps' templated alternatives are all skipped: each is installed only for a
    ``<name>.procps`` file (``check_alternatives``), and the package ships none."""
    if deb.name != "procps" or '[ -e "$BINPATH"/"$BINNAME".procps ]' not in script:
        return False
    with _untar(deb.data, "data.tar") as archive:
        return not any(m.name.endswith(".procps") for m in archive.getmembers())


def ubuntu_families(official: Mirror, ubuntu_dir: Path) -> list[dict[str, object]]:
    """One family per build of :data:`UBUNTU_BUILDS`; tags whose final build it is."""
    builds = final_builds(official, "ubuntu")
    families: list[dict[str, object]] = []
    for build in UBUNTU_BUILDS:
        library_build = builds.get(build.serial_tag)
        if library_build is None:
            raise SystemExit(f"library/ubuntu never lists {build.serial_tag}")
        tags = tags_of(builds, library_build.commit, library_build.directory)
        record = ubuntu_dir / "repo-info" / build.repo_info_commit / build.manifest
        image_id, packages = repo_info_packages(record.read_text(encoding="utf-8"))
        debs = load_debs(ubuntu_dir / build.codename)
        programs = _livecd_programs(debs, build, {package for package, _ in packages})
        root, unpacked, substituted, merged = ubuntu_rootfs(packages, debs)
        for path in programs:
            root.add(path, Node("file", 0o755))
        note = (
            f"Derived, not read from a rootfs: repo-info's dpkg list of image {image_id} "
            "(every package at its recorded version) + their data.tar members + postinst "
            f"update-alternatives links, on merged /usr ({merged}), + what livecd-rootfs "
            f"{build.livecd_rootfs} writes for ubuntu-oci:minimized ({', '.join(programs)}); "
            "its dpkg path-excludes drop only /usr/share files."
        )
        if substituted:
            note += (
                " Versions no longer in Ubuntu's pool were read from the newest package given "
                "instead: " + "; ".join(substituted) + "."
            )
        families.append(
            _repo_info_family("ubuntu", build.serial_tag, unpacked, tags, build, note, root)
        )
    return families


def _repo_info_family(
    repository: str,
    tag: str,
    unpacked: dict[str, Deb],
    tags: list[str],
    build: UbuntuBuild | PythonBuild,
    note: str,
    root: RootFS,
) -> dict[str, object]:
    """The record of a family derived from a repo-info package list."""
    release = _os_release(unpacked["base-files"])
    return {
        "repository": repository,
        "label": f"{repository}:{tag} ({release}, amd64)",
        "tags": tags,
        "source": (
            f"https://github.com/docker-library/repo-info/blob/"
            f"{build.repo_info_commit}/{build.manifest}"
        ),
        "note": note,
        "paths": root.programs(),
    }


# --- python ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PythonBuild:
    """One ``python:<ver>-slim-<suite>`` build: its library entry, repo-info record, CPython."""

    tag: str
    """The full-version tag (``3.13.15-slim-trixie``) whose repo-info record is read."""
    repo_info_commit: str
    """docker-library/repo-info commit holding ``repos/python/local/<tag>.md``."""
    git_commit: str
    """docker-library/python commit ``library/python`` names for the tag at READ_AT."""
    directory: str
    """Its directory, ``<minor>/slim-<suite>``."""
    pyenv: str
    """The pyenv build (``make install`` output) of that minor version, read for /usr/local/bin."""

    @property
    def suite(self) -> str:
        return self.directory.rsplit("slim-", 1)[1]

    @property
    def minor(self) -> str:
        return self.directory.split("/", 1)[0]

    @property
    def manifest(self) -> str:
        return f"repos/python/local/{self.tag}.md"


PYTHON_BUILDS = (
    PythonBuild(
        "3.13.15-slim-trixie",
        "cbc854be7583464148df511ed2e2ab32a52055cc",
        "3cb2fbae63fab2184343a01e4bd63a7540462999",
        "3.13/slim-trixie",
        "3.13.0",
    ),
)
"""The ``python`` slim builds catalogued.  Only minor versions with a pyenv build on the
generating machine, and only records whose ``PYTHON_VERSION`` is the one the Dockerfile at
``git_commit`` sets (checked)."""

_PYTHON_LINKS = re.compile(
    r'for src in ([\w .-]+); do \\\n\t\tdst="\$\(echo "\$src" \| tr -d 3\)"; \\\n'
    r'(?:.*\n){0,3}?\t\tln -svT "\$src" "/usr/local/bin/\$dst"; \\\n'
)


def _dockerfile_local_bin(dockerfile: str, build: PythonBuild, version: str) -> list[str]:
    """The ``/usr/local/bin`` names the Dockerfile itself makes (its ``ln -svT`` loop).

    Checks: ``FROM debian:<suite>-slim``, ``ENV PYTHON_VERSION`` equal to the record's,
    ``make install`` with ``--with-ensurepip``, and no ``pip install`` of further packages
    (whose console scripts would need reading; none for the builds listed).
    """
    if f"\nFROM debian:{build.suite}-slim\n" not in dockerfile:
        raise SystemExit(f"{build.directory}: not FROM debian:{build.suite}-slim")
    if f"\nENV PYTHON_VERSION {version}\n" not in dockerfile:
        raise SystemExit(f"{build.directory}: PYTHON_VERSION is not the record's {version}")
    for needed in ("\tmake install; \\\n", "\t\t--with-ensurepip \\\n"):
        if needed not in dockerfile:
            raise SystemExit(f"{build.directory}: no longer has {needed.strip()!r}")
    rest = _PYTHON_LINKS.sub("", dockerfile)
    if re.search(r"\bpip\d?(?:\.\d+)? install\b|\bln -|\bcp |(?<!apt-get )\binstall -", rest):
        raise SystemExit(f"{build.directory}: installs more into /usr/local/bin: review it")
    loop = _PYTHON_LINKS.search(dockerfile)
    if loop is None:
        raise SystemExit(f"{build.directory}: the ln -svT loop changed")
    return [f"/usr/local/bin/{src.replace('3', '')}" for src in loop[1].split()]


def _pyenv_local_bin(pyenv_dir: Path) -> list[str]:
    """Executable entries of a pyenv build's ``bin`` (symlinks resolved inside it)."""
    found: list[str] = []
    for entry in sorted(pyenv_dir.iterdir()):
        if entry.resolve().is_file() and entry.resolve().stat().st_mode & 0o111:
            found.append(f"/usr/local/bin/{entry.name}")
    if not found:
        raise SystemExit(f"no pyenv build in {pyenv_dir}")
    return found


def python_families(
    official: Mirror, python_dir: Path, pyenv_root: Path
) -> list[dict[str, object]]:
    """One family per build of :data:`PYTHON_BUILDS`; tags whose final build it is."""
    builds = final_builds(official, "python")
    families: list[dict[str, object]] = []
    for build in PYTHON_BUILDS:
        library_build = builds.get(build.tag)
        if library_build != Build(build.git_commit, build.directory):
            raise SystemExit(f"library/python: {build.tag} names {library_build}")
        tags = tags_of(builds, build.git_commit, build.directory)
        record_path = python_dir / "repo-info" / build.repo_info_commit / build.manifest
        record = record_path.read_text(encoding="utf-8")
        image_id, packages = repo_info_packages(record)
        version = re.search(r"^  - `PYTHON_VERSION=([^`]+)`$", record, re.MULTILINE)
        if version is None or not version[1].startswith(build.minor + "."):
            raise SystemExit(f"{build.manifest}: no PYTHON_VERSION of {build.minor}")
        if not build.pyenv.startswith(build.minor + "."):
            raise SystemExit(f"pyenv {build.pyenv} is not Python {build.minor}")
        dockerfile_path = (
            python_dir / "docker-library-python" / build.git_commit / build.directory / "Dockerfile"
        )
        linked = _dockerfile_local_bin(
            dockerfile_path.read_text(encoding="utf-8"), build, version[1]
        )
        debs = load_debs(python_dir / build.suite)
        root, unpacked, substituted, merged = ubuntu_rootfs(packages, debs)
        root.add("/usr/sbin/policy-rc.d", Node("file", 0o755))
        pyenv = _pyenv_local_bin(pyenv_root / build.pyenv / "bin")
        pip = [f"/usr/local/bin/{name}" for name in ("pip", "pip3", f"pip{build.minor}")]
        local = sorted({*pyenv, *linked, *pip})
        for path in local:
            root.add(path, Node("file", 0o755))
        note = (
            f"Derived, not read from a rootfs. Debian part: repo-info's dpkg list of image "
            f"{image_id} (PYTHON_VERSION {version[1]}; every package at its recorded version) "
            f"+ their data.tar members + postinst update-alternatives links, on merged /usr "
            f"({merged}), + /usr/sbin/policy-rc.d (debuerreotype minimizing-config of the "
            f"debian:{build.suite}-slim base). The tags are rebuilt when debian:{build.suite}-slim "
            "changes; this is the Debian layer of the recorded rebuild. /usr/local/bin is a "
            f"SUPERSET: the bin directory of a pyenv {build.pyenv} build (make install of "
            f"CPython {build.minor}, plus pyenv's own unversioned links) + the Dockerfile's "
            "ln -svT links + pip's pip/pip3/pip"
            + build.minor
            + " (ensurepip): "
            + ", ".join(p.rsplit("/", 1)[1] for p in local)
            + "."
        )
        if substituted:
            note += (
                " Versions no longer in Debian's archive were read from the newest package "
                "given instead: " + "; ".join(substituted) + "."
            )
        families.append(
            _repo_info_family("python", build.tag, unpacked, tags, build, note, root)
        )
    return families


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
    parser.add_argument(
        "--ubuntu", type=Path, required=True, help="repo-info records and .debs per codename"
    )
    default_output = Path(__file__).resolve().parents[1] / "cmdresolve" / "data" / "programs.json"
    parser.add_argument(
        "--python", type=Path, required=True, help="repo-info records, Dockerfiles, .debs per suite"
    )
    parser.add_argument("--pyenv", type=Path, default=Path("/root/.pyenv/versions"))
    parser.add_argument("--output", type=Path, default=default_output)
    args = parser.parse_args(argv)
    official = _mirror(args.mirrors, "docker-library/official-images")
    families = [
        *busybox_families(args.mirrors, official),
        *alpine_families(args.mirrors, official),
        *debian_families(args.mirrors, official, args.debs),
        *ubuntu_families(official, args.ubuntu),
        *python_families(official, args.python, args.pyenv),
    ]
    for family in families:
        paths = family["paths"]
        assert isinstance(paths, list)
        print(f"{family['label']}: {len(paths)} programs, tags {family['tags']}", file=sys.stderr)
    args.output.write_text(render(families), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Checks and describes an image tarball in docker-archive format (jib:buildTar, docker save) without a daemon.

Usage: scripts/inspect-image-tar.py IMAGE.tar [--unpack DIR]

Prints the tags, entrypoint, arguments, environment, ports, volumes and layers, and fails when the manifest
and config disagree or a layer's content does not hash to its diff_id. --unpack extracts the layers in order
into DIR (a root filesystem, e.g. for a chroot) and writes the image config next to it as DIR.config.json."""
import argparse
import gzip
import hashlib
import io
import json
import sys
import tarfile


def layer_bytes(archive, name):
    data = archive.extractfile(name).read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data, len(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("image")
    ap.add_argument("--unpack", metavar="DIR")
    args = ap.parse_args()
    with tarfile.open(args.image) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if len(manifest) != 1:
            sys.exit(f"{args.image}: expected one image in manifest.json, found {len(manifest)}")
        entry = manifest[0]
        config = json.load(archive.extractfile(entry["Config"]))
        run = config.get("config", {})
        print(f"image:       {', '.join(entry.get('RepoTags') or ['(untagged)'])}")
        print(f"platform:    {config.get('os')}/{config.get('architecture')}, created {config.get('created')}")
        print(f"entrypoint:  {json.dumps(run.get('Entrypoint'))}")
        print(f"arguments:   {json.dumps(run.get('Cmd'))}")
        print(f"user:        {run.get('User') or '(root)'}, workdir {run.get('WorkingDir') or '/'}")
        print(f"ports:       {', '.join(run.get('ExposedPorts') or {}) or '-'}")
        print(f"volumes:     {', '.join(run.get('Volumes') or {}) or '-'}")
        for env in run.get("Env") or []:
            print(f"env:         {env}")
        diff_ids = config["rootfs"]["diff_ids"]
        if len(diff_ids) != len(entry["Layers"]):
            sys.exit(f"{args.image}: {len(entry['Layers'])} layers in the manifest but {len(diff_ids)} diff_ids in the config")
        history = [h for h in config.get("history", []) if not h.get("empty_layer")]
        for i, (name, diff_id) in enumerate(zip(entry["Layers"], diff_ids)):
            raw, stored = layer_bytes(archive, name)
            actual = "sha256:" + hashlib.sha256(raw).hexdigest()
            if actual != diff_id:
                sys.exit(f"{args.image}: layer {name} hashes to {actual}, the config says {diff_id}")
            with tarfile.open(fileobj=io.BytesIO(raw)) as layer:
                members = layer.getnames()
            top = sorted({m.split("/")[0] for m in members})
            origin = history[i].get("created_by", "") if i < len(history) else ""
            print(f"layer {i}:     {stored / 1e6:7.1f} MB stored, {len(members):4d} entries under /{', /'.join(top)}  ({origin})")
            if args.unpack:
                with tarfile.open(fileobj=io.BytesIO(raw)) as layer:
                    # An image layer is a whole root filesystem: absolute symlinks and device nodes are expected.
                    extra = {"filter": "fully_trusted"} if hasattr(tarfile, "fully_trusted_filter") else {}
                    layer.extractall(args.unpack, **extra)
        if args.unpack:
            with open(args.unpack.rstrip("/") + ".config.json", "w") as out:
                json.dump(run, out, indent=1)
    print("ok: manifest, config and layer digests agree")


if __name__ == "__main__":
    main()

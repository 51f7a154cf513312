#!/usr/bin/env python3
"""Validates the sample post stream and writes its README from what is actually in the file.

Usage: scripts/sample-posts-report.py [posts.jsonl] [--write README.md]
Exit status 1 when the file breaks a rule (the problems are printed to stderr)."""
import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "app/src/main/resources/sample/posts.jsonl"

# Native id shapes, as each platform issues them.
NATIVE_ID = {
    "mastodon": re.compile(r"\d{15,19}"),
    "bluesky": re.compile(r"at://did:plc:[a-z2-7]{24}/app\.bsky\.feed\.post/[2-7a-z]{13}"),
    "reddit": re.compile(r"t[13]_[0-9a-z]{5,8}"),
    "x": re.compile(r"\d{8,19}"),
    "rss": re.compile(r"https?://\S+"),
}
FIELDS = ["id", "platform", "author", "createdAt", "text", "language", "urls", "hashtags", "mentions", "media",
          "replyTo", "repostOf", "quoteOf"]
# Invented domains that play the part of low-credibility sources in this sample.
LOW_CREDIBILITY = ["brackwater-truthdesk.info", "naturalcures-today.net", "shocking-finds.xyz"]
LLM_PHRASES = ["as an ai language model", "delve into", "in today's fast-paced world", "rich tapestry",
               "it's important to note"]
# Long invented posts written in the style of a current assistant model (polished, balanced, upbeat
# calls to action), without the phrases above: the ai-text scorer must flag them on style alone.
MACHINE_STYLE = ["reddit:t3_1p3m4qz", "mastodon:117648512734400921",
                 "rss:https://brackwater-localbuzz.co.uk/2026/11/20/christmas-market-guide"]
NEW_ACCOUNT = timedelta(days=7)
BURST_WINDOW = timedelta(minutes=15)
BURST_MIN = 3
MIN_COPY_WORDS = 6


def when(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def fingerprint(text):
    """Text with case, punctuation, emoji and links ignored: what a copy keeps of its original."""
    text = re.sub(r"https?://\S+", " ", text.lower())
    return " ".join(re.findall(r"[^\W_]+", text))


def is_new(post):
    created = post["author"].get("createdAt")
    return created is not None and when(post["createdAt"]) - when(created) < NEW_ACCOUNT


def load(path):
    problems, posts = [], []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        try:
            post = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not JSON: {e}")
            continue
        if not isinstance(post, dict):
            problems.append(f"line {n}: not an object")
            continue
        post["_line"] = n
        posts.append(post)
    return posts, problems


def validate(posts):
    problems = []
    seen, position = set(), {p["id"]: i for i, p in enumerate(posts) if "id" in p}
    previous = None
    for i, p in enumerate(posts):
        where = f"line {p['_line']} ({p.get('id')})"
        missing = [f for f in FIELDS if f not in p]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        extra = set(p) - set(FIELDS) - {"_line"}
        if extra:
            problems.append(f"{where}: unexpected fields {sorted(extra)}")
        platform, _, native = p["id"].partition(":")
        if platform != p["platform"] or platform not in NATIVE_ID:
            problems.append(f"{where}: id prefix does not match platform {p['platform']}")
        elif not NATIVE_ID[platform].fullmatch(native):
            problems.append(f"{where}: native id '{native}' does not look like a {platform} id")
        if p["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(p["id"])
        if not p["author"].get("id"):
            problems.append(f"{where}: author without id")
        t = when(p["createdAt"])
        if previous is not None and t < previous:
            problems.append(f"{where}: createdAt {p['createdAt']} is earlier than the line before")
        previous = t
        if not p["text"] and not p["repostOf"]:
            problems.append(f"{where}: empty text on a post that is not a repost")
        for tag in p["hashtags"]:
            if tag != tag.lower() or f"#{tag}" not in p["text"].lower():
                problems.append(f"{where}: hashtag '{tag}' not lower case or not in the text")
        for url in p["urls"]:
            if url not in p["text"]:
                problems.append(f"{where}: url {url} not in the text")
        for m in p["media"]:
            sha = m.get("sha256")
            if sha is not None and not re.fullmatch(r"[0-9a-f]{64}", sha):
                problems.append(f"{where}: media sha256 is not 64 lower-case hex digits")
        for field in ("replyTo", "repostOf", "quoteOf"):
            ref = p[field]
            if ref is None:
                continue
            if ref.partition(":")[0] != p["platform"]:
                problems.append(f"{where}: {field} points at another platform: {ref}")
            if ref in position and position[ref] >= i:
                problems.append(f"{where}: {field} points at a later post {ref}")
            if field == "replyTo" and ref not in position:
                problems.append(f"{where}: replyTo {ref} is not in the file (only reposts and quotes may be unseen)")
    return problems


def analyse(posts):
    ids = {p["id"] for p in posts}
    kinds = Counter()
    unseen, copies = [], []
    first_by_print = {}
    for p in posts:
        ref = p["repostOf"] or p["quoteOf"]
        if ref is not None and ref not in ids:
            kinds["repost of an unseen original" if p["repostOf"] else "quote of an unseen original"] += 1
            unseen.append(p)
        elif p["repostOf"]:
            kinds["repost of a post in the file"] += 1
        elif p["quoteOf"]:
            kinds["quote of a post in the file"] += 1
        if ref is None:
            fp = fingerprint(p["text"])
            original = first_by_print.get(fp)
            if original is not None and len(fp.split()) >= MIN_COPY_WORDS \
                    and original["author"]["id"] != p["author"]["id"]:
                kinds["unattributed copy"] += 1
                copies.append((p, original))
            else:
                kinds["reply" if p["replyTo"] else "original"] += 1
            first_by_print.setdefault(fp, p)
    bursts = []
    by_original = defaultdict(list)
    for copy, original in copies:
        by_original[original["id"]].append(copy)
    for original_id, group in by_original.items():
        fresh = [c for c in group if is_new(c)]
        for start in fresh:
            window = [c for c in fresh if timedelta(0) <= when(c["createdAt"]) - when(start["createdAt"]) <= BURST_WINDOW]
            if len(window) >= BURST_MIN:
                bursts.append((original_id, window))
                break
    return kinds, unseen, copies, bursts


def domain(url):
    return re.sub(r"^https?://([^/?#]+).*", r"\1", url).removeprefix("www.")


def report(path, posts):
    kinds, unseen, copies, bursts = analyse(posts)
    by_id = {p["id"]: p for p in posts}
    media = [p for p in posts if p["media"]]
    without_sha = [p for p in media if any(m.get("sha256") is None for m in p["media"])]
    shas = Counter(m["sha256"] for p in posts for m in p["media"] if m.get("sha256"))
    low = [p for p in posts if any(domain(u) in LOW_CREDIBILITY for u in p["urls"])]
    llm = [p for p in posts if any(ph in p["text"].lower() for ph in LLM_PHRASES)]
    new_accounts = sorted({p["author"]["handle"] for p in posts if is_new(p)})
    out = []
    w = out.append
    w("# Sample post stream\n")
    w("`posts.jsonl` holds hand-written, invented social-media posts about a fictional town, Brackwater, in provwatch's")
    w("canonical JSON (the fields of `schemas/src/main/avro/Post.avsc` in camelCase, one post per line; `observedAt` and")
    w("`source` are left to ingest). Every post, account and article is invented: names, handles, ids and link paths are")
    w("made up (ids only have each platform's shape; media URLs use the platforms' CDN host names); any resemblance to a")
    w("real account is a coincidence. It exists for demos and end-to-end tests of the scorers.\n")
    w("This README is written by `python3 scripts/sample-posts-report.py --write app/src/main/resources/sample/README.md`;")
    w("every number below is counted from the data, and the script refuses a stream that breaks a rule (valid JSON, unique")
    w("ids, platform-shaped ids, ascending times, replies to earlier posts, reposts and quotes of earlier posts on the same")
    w("platform or of originals that are deliberately absent). Run it again after editing the data.\n")
    first, last = posts[0]["createdAt"], posts[-1]["createdAt"]
    w(f"**{len(posts)} posts**, {first} to {last}, by {len({p['author']['id'] for p in posts})} accounts.\n")
    w("| platform | posts |\n|---|---|")
    for k, v in sorted(Counter(p["platform"] for p in posts).items()):
        w(f"| {k} | {v} |")
    w("\n| kind | posts |\n|---|---|")
    for k in ["original", "reply", "repost of a post in the file", "quote of a post in the file",
              "repost of an unseen original", "quote of an unseen original", "unattributed copy"]:
        w(f"| {k} | {kinds[k]} |")
    w(f"\nOriginals and replies are counted among posts that neither repost nor quote; a copy is a post whose text equals an")
    w(f"earlier post's by another author once case, punctuation, emoji and links are ignored (at least {MIN_COPY_WORDS} words),")
    w("with no `repostOf`/`quoteOf`.\n")
    langs = Counter(p["language"] or "null" for p in posts)
    w("Languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items(), key=lambda kv: -kv[1])) + ".\n")

    w("## Unattributed copies\n")
    w("| copy | author | original | original author |\n|---|---|---|---|")
    for c, o in copies:
        w(f"| `{c['id']}` | {c['author']['handle']} | `{o['id']}` | {o['author']['handle'] or o['author']['displayName']} |")
    for original_id, group in bursts:
        o = by_id[original_id]
        span = (when(group[-1]["createdAt"]) - when(group[0]["createdAt"])).total_seconds() / 60
        w(f"\n**Coordinated burst**: {len(group)} accounts created less than {NEW_ACCOUNT.days} days before posting repeat")
        w(f"`{original_id}` ({o['author']['handle']}, {o['createdAt']}) within {span:.1f} minutes,")
        w(f"{group[0]['createdAt']} to {group[-1]['createdAt']}: " + ", ".join(c["author"]["handle"] for c in group) + ".")

    w("\n## Reposts and quotes of originals not in the file\n")
    for p in unseen:
        field = "repostOf" if p["repostOf"] else "quoteOf"
        w(f"- `{p['id']}` ({p['author']['handle']}) {field} `{p[field]}`")

    w("\n## Media\n")
    w(f"{len(media)} posts carry media; {len(without_sha)} of them have an attachment without `sha256` (a provenance gap).")
    for sha, n in shas.items():
        if n > 1:
            holders = [p["id"] for p in posts for m in p["media"] if m.get("sha256") == sha]
            w(f"The same image (sha256 `{sha[:12]}…`) appears in " + " and ".join(f"`{i}`" for i in holders) + ".")
    w("\nWithout sha256: " + ", ".join(f"`{p['id']}`" for p in without_sha) + ".\n")

    w("## Other signals\n")
    w(f"- Links to invented low-credibility domains ({', '.join(LOW_CREDIBILITY)}): {len(low)} posts.")
    w(f"- LLM-flavoured wording ({'; '.join(repr(x) for x in LLM_PHRASES)}): {len(llm)} posts: "
      + ", ".join(f"`{p['id']}`" for p in llm) + ".")
    w(f"- Long posts in the style of a current assistant model, none of those phrases: {len(MACHINE_STYLE)} posts: "
      + ", ".join(f"`{i}`" for i in MACHINE_STYLE) + ".")
    w(f"- Accounts less than {NEW_ACCOUNT.days} days old when they posted: {len(new_accounts)} "
      f"({', '.join(new_accounts)}); not all of them misbehave.")
    w("")
    cases = Counter(line.split(",")[1] for line in planted(posts).splitlines()[1:])
    w("## Planted cases that must alert")
    w("")
    w("`planted.csv` (written with `--planted`) lists the posts that must open (or join) an alert: "
      + ", ".join(f"{n} {case}" for case, n in sorted(cases.items())) + ". `provwatch eval alerts` measures its recall on them. "
      "Reposts and quotes of unseen originals and media without sha256 are context: they add to a post's risk "
      "but open no alert alone (`sink.alert.open.min.scores`).")
    w("")
    return "\n".join(out)


def planted(posts):
    """The planted cases that must open an alert, as CSV (postId,case): unattributed copies, links to the
    invented low-credibility domains, LLM-flavoured wording and long posts in a current model's style. Reposts and quotes of unseen originals and
    media without sha256 are context, not cases: they add to a post's risk but open no alert alone."""
    _, _, copies, _ = analyse(posts)
    rows = [(c["id"], "copy") for c, _ in copies]
    rows += [(p["id"], "low-credibility-link") for p in posts if any(domain(u) in LOW_CREDIBILITY for u in p["urls"])]
    rows += [(p["id"], "llm-wording") for p in posts if any(ph in p["text"].lower() for ph in LLM_PHRASES)]
    rows += [(p["id"], "ai-text") for p in posts if p["id"] in MACHINE_STYLE]
    return "postId,case\n" + "".join(f"{i},{case}\n" for i, case in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("posts", nargs="?", default=str(DEFAULT))
    ap.add_argument("--write", metavar="README", help="write the README here instead of printing it")
    ap.add_argument("--planted", metavar="CSV", help="also write the planted cases (postId,case) that must alert here")
    args = ap.parse_args()
    posts, problems = load(args.posts)
    problems += validate(posts)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    text = report(args.posts, posts)
    if args.planted:
        Path(args.planted).write_text(planted(posts), encoding="utf-8")
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
        print(f"{len(posts)} posts valid; wrote {args.write}", file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    main()

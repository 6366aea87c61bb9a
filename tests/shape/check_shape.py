#!/usr/bin/env python3
"""The size rules of the code base (docs/architecture.md, "Small units"): no source file in src/ or
apps/ over 600 lines, no function body over 80 lines. Prints each breach and exits 1 if any.

Why a script of our own: the rules are about lines, which no Debian linter checks as such
(clang-tidy's readability-function-size counts statements and needs a compile database), and a
brace scan is enough for code that is clang-formatted. Comments, strings and character literals
are blanked first so that braces inside them do not count.
Usage: check_shape.py <repo-root> [--max-file 600] [--max-function 80]
"""
import argparse
import pathlib
import re
import sys

QUALIFIER_END = re.compile(r"(\)|\bconst|\bnoexcept|\boverride|\bfinal|\bmutable|->\s*[\w:<>,\s*&]+)\s*$")
SCOPE_END = re.compile(r"(\b(namespace|class|struct|union|enum)\b[^()]*|\bextern\s*)$")


def blank_literals(text: str) -> str:
    """Replaces comments and string/char literal contents with spaces, keeping newlines."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|R"(?P<d>[^(\s]*)\(.*?\)(?P=d)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                         re.S)
    text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return re.sub(r"(?m)^[ \t]*#.*$", lambda m: " " * len(m.group(0)), text)  # preprocessor lines


def long_functions(text: str, limit: int):
    """Yields (first line, line count) of each function body longer than `limit` lines."""
    code = blank_literals(text)
    stack = []  # one entry per open brace: "scope" (namespace/class), "function" or "inner"
    prefix_start = 0
    line = 1
    opened_at = []
    for i, ch in enumerate(code):
        if ch == "\n":
            line += 1
        elif ch == "{":
            prefix = code[prefix_start:i]
            in_scope_only = all(kind == "scope" for kind in stack)
            if not in_scope_only:
                kind = "inner"
            elif SCOPE_END.search(prefix.strip()):
                kind = "scope"
            elif QUALIFIER_END.search(prefix) or re.search(r"\)\s*:\s*[\w:]+", prefix):
                kind = "function"
            else:
                kind = "inner"  # data initialisers, enum bodies, constructor-initialiser braces
            stack.append(kind)
            opened_at.append(line)
            prefix_start = i + 1
        elif ch == "}":
            if stack:
                kind, start = stack.pop(), opened_at.pop()
                if kind == "function" and line - start + 1 > limit:
                    yield start, line - start + 1
            prefix_start = i + 1
        elif ch == ";":
            prefix_start = i + 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--max-file", type=int, default=600)
    parser.add_argument("--max-function", type=int, default=80)
    args = parser.parse_args()
    root = pathlib.Path(args.root)
    breaches = []
    for folder in ("src", "apps"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cpp", ".h"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            rel = path.relative_to(root)
            lines = text.count("\n")
            if lines > args.max_file:
                breaches.append(f"{rel}: {lines} lines (at most {args.max_file})")
            for start, count in long_functions(text, args.max_function):
                breaches.append(f"{rel}:{start}: a function of {count} lines (at most {args.max_function})")
    for breach in breaches:
        print(breach)
    print(f"check_shape: {len(breaches)} breach(es)")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())

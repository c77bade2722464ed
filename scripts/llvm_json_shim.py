#!/usr/bin/python3
"""Writes a copy of LLVM 14's llvm/Support/JSON.h that clang 14 compiles in C++20.

Clang 14 instantiates a constexpr function where it is named, and libstdc++ 12's
std::vector is constexpr in C++20. The inline members of json::Array call
std::vector<json::Value> members while Value is still incomplete, so clang 14
rejects the header (llvm-project issue 55780; LLVM 15 moved the bodies). This
script moves the bodies of Array's non-template members out of the class, after
the definition of Value, unchanged. Only the clang build (tests/fuzz) uses the
copy, which lives in the build tree; GCC reads the system header.

    llvm_json_shim.py SYSTEM_JSON_H OUTPUT_JSON_H
"""
import re
import sys

MEMBER = re.compile(r"^(?P<indent>\s*)(?P<ret>(?:const\s+)?[\w:<>]+\s*[&*]?\s*)(?P<name>operator\S*?|\w+)"
                    r"(?P<params>\(.*?\))(?P<quals>[^{;]*)\{(?P<body>.*)$")


def split_members(lines):
    """Array's lines with bodies replaced by declarations, and the definitions."""
    kept, definitions = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = MEMBER.match(line)
        friend = line.strip().startswith("friend bool operator==")
        if match is None or line.lstrip().startswith(("template", "explicit")) \
                or match.group("name") in ("Array",):
            if not friend:
                kept.append(line)
                i += 1
                continue
        # The body runs to the line where the braces balance.
        text, depth = line, line.count("{") - line.count("}")
        while depth > 0:
            i += 1
            text += "\n" + lines[i]
            depth += lines[i].count("{") - lines[i].count("}")
        i += 1
        head, body = text.split("{", 1)
        if friend:
            kept.append(head.rstrip() + ";")
            definitions.append("inline " + head.strip()[len("friend "):] + "{" + body)
            continue
        match = MEMBER.match(head + "{")
        kept.append(f"{match.group('indent')}{head.strip()};")
        definitions.append(f"inline auto Array::{match.group('name')}{match.group('params')}"
                           f"{match.group('quals').rstrip()} -> {match.group('ret').strip()} {{"
                           + body)
    return kept, definitions


def main():
    source, output = sys.argv[1], sys.argv[2]
    lines = open(source, encoding="utf-8").read().split("\n")
    begin = lines.index("class Array {")
    end = begin + lines[begin:].index("};")
    after_value = lines.index("inline bool operator!=(const Value &L, const Value &R) { return !(L == R); }")
    kept, definitions = split_members(lines[begin + 1:end])
    if len(definitions) != 22:
        sys.exit(f"{source}: json::Array is not as in LLVM 14 ({len(definitions)} members moved); "
                 "update scripts/llvm_json_shim.py")
    result = (lines[:begin + 1] + kept + lines[end:after_value + 1]
              + ["", "// Array's members, moved here by scripts/llvm_json_shim.py."] + definitions
              + lines[after_value + 1:])
    text = "\n".join(result)
    # CMake runs this at every configure (`make fuzz` after `make test-asan`
    # configures again): rewriting an unchanged header would make every file
    # that includes llvm/Support/JSON.h compile again.
    try:
        if open(output, encoding="utf-8").read() == text:
            return
    except FileNotFoundError:
        pass
    with open(output, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()

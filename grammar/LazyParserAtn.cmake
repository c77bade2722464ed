# Run by the command that generates the parser (grammar/CMakeLists.txt), on
# the files ANTLR 4.7.2 just wrote, with -DGENERATED_DIR=<their folder>.
#
# ANTLR's generated parser deserializes its ATN in a static initializer: in
# every process, before main, though a valid design never needs it (its
# predictions come from the prebuilt tables, compiler/syntax/ThreadDfa.cpp):
# 1.2 M instructions and 31 page faults of a 5 ms build (docs/performance.md,
# "The parser's ATN when it is needed"). This makes that initializer a
# function, SgdParser::initializeAtn(), which deserializes it on its first
# call; the parser's users call it before anything reads the ATN.
#
# The build stops here if the generated text is not what this expects (a
# different ANTLR tool), rather than leave the initializer in place.

function(replace_once path from to)
  file(READ "${path}" text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "LazyParserAtn.cmake: ${path} does not hold the text it replaces:\n${from}")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE "${path}" "${text}")
endfunction()

replace_once("${GENERATED_DIR}/SgdParser.h"
  "  struct Initializer {\n    Initializer();\n  };\n  static Initializer _init;\n};"
  "  struct Initializer {\n    Initializer();\n  };\n\npublic:\n  /// Deserializes the ATN on the first call; before it, the ATN is empty\n  /// (made so by grammar/LazyParserAtn.cmake).\n  static void initializeAtn();\n};")
replace_once("${GENERATED_DIR}/SgdParser.cpp"
  "SgdParser::Initializer SgdParser::_init;"
  "void SgdParser::initializeAtn() {\n  static Initializer once;\n}")

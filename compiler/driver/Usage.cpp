#include "driver/Usage.h"

#include "sema/Suggestion.h"

#include "CLI/CLI.hpp"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <vector>

namespace sgd::driver {
namespace {

struct Example {
  const char *command; // the command it belongs to: "check", "dump model"
  const char *line;    // what to type
  const char *what;    // what it does
};

// Every example of `--help`, by command, in the order `sgdc --help` lists them.
const Example examples[] = {
    {"check", "sgdc check", "check the project of ./sgd.toml"},
    {"check", "sgdc check examples/abilene/*.sgd", "check designs, errors as text"},
    {"check", "sgdc check --format sarif > sgdc.sarif", "errors as SARIF 2.1.0 for code scanning"},
    {"check", "sgdc check -D hall_racks=120 campus.sgd", "override a constant"},
    {"check", "sgdc check --summary campus.sgd", "also print loads, heat and equipment counts"},
    {"build", "sgdc build", "build the project of ./sgd.toml into out/"},
    {"build", "sgdc build campus.sgd -o build/out", "build one design into build/out/"},
    {"build", "sgdc build -C examples/abilene", "build the project in another folder"},
    {"build", "sgdc build --prices quote.toml --bom-detail",
     "quoted prices; a BOM line per building and hall"},
    {"schedule", "sgdc schedule campus.sgd halls.sgd", "the critical path and first power"},
    {"schedule", "sgdc schedule --emit csv > schedule.csv", "the task list as CSV"},
    {"schedule", "sgdc schedule --level", "also level the schedule by its crews"},
    {"diff", "sgdc diff HEAD~1 HEAD", "what the last commit changes (exit 1 when anything did)"},
    {"diff", "sgdc diff old/ new/ --format markdown", "two project folders, as a PR comment"},
    {"rules", "sgdc rules campus.sgd", "the rule packs and rules of each site"},
    {"rules", "sgdc rules --compare de_enefg=2023 de_enefg=2026-draft",
     "the verdicts that change under a draft"},
    {"dump ast", "sgdc dump ast campus.sgd", "print the syntax tree"},
    {"dump model", "sgdc dump model campus.sgd --path abilene.b3",
     "the resolved design of building b3"},
    {"dump model", "sgdc dump model --format json > model.json", "every row, as JSON"},
    {"init", "sgdc init", "start a project in this folder"},
    {"init", "sgdc init my-campus", "start a project in a new folder"},
    {"fmt", "sgdc fmt", "rewrite the project's files in the canonical layout"},
    {"fmt", "sgdc fmt --check", "list the project's files that are not formatted"},
    {"fmt", "sgdc fmt --diff campus.sgd", "print the changes fmt would make"},
    {"lsp", "sgdc lsp", "the language server, for editors (docs/editors.md)"},
    {"explain", "sgdc explain E0101", "explain a diagnostic code"},
    {"explain", "sgdc explain DE-ENEFG-PUE", "explain a compliance rule"},
};

constexpr llvm::StringLiteral exitStatus =
    "Exit status: 0 no errors, 1 the design has errors, 2 usage or I/O problem.";

// "dump model" for the command `model` under `dump`; "" for sgdc itself.
std::string commandPath(const CLI::App &app) {
  std::string path;
  for (const CLI::App *at = &app; at->get_parent(); at = at->get_parent())
    path = at->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

// Whether `example` is one of the command at `path` ("" for sgdc itself,
// which shows them all).
bool belongsTo(const Example &example, llvm::StringRef path) {
  llvm::StringRef command = example.command;
  return path.empty() || command == path || command.startswith((path + " ").str());
}

// "Examples:" and the examples of the command at `path`, a line each.
std::string examplesFor(llvm::StringRef path) {
  std::vector<const Example *> chosen;
  for (const Example &example : examples)
    if (belongsTo(example, path))
      chosen.push_back(&example);
  size_t width = 0;
  for (const Example *example : chosen)
    width = std::max(width, llvm::StringRef(example->line).size());
  std::string text = "Examples:\n";
  for (const Example *example : chosen)
    text += "  " + llvm::StringRef(example->line).str() +
            std::string(width + 3 - llvm::StringRef(example->line).size(), ' ') +
            example->what + "\n";
  return text;
}

std::vector<CLI::App *> commandsOf(CLI::App &app) {
  return app.get_subcommands([](CLI::App *) { return true; });
}

} // namespace

void addExamples(CLI::App &app) {
  std::string path = commandPath(app);
  // The examples are written out when a help text is printed, not at every
  // start (2% of checking a small design). CLI11 prints the callback's
  // text, a line break, then the footer's string: the blank line between
  // the examples and the exit status.
  if (llvm::any_of(examples, [&](const Example &example) { return belongsTo(example, path); }))
    app.footer([path] { return examplesFor(path); });
  app.footer(exitStatus.str());
  for (CLI::App *command : commandsOf(app))
    addExamples(*command);
}

std::optional<std::string> unknownCommand(CLI::App &app, int argc, const char *const *argv) {
  CLI::App *at = &app;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef word = argv[i];
    std::vector<CLI::App *> commands = commandsOf(*at);
    // Options, and the arguments of a command that has no commands of its
    // own, are CLI11's to judge.
    if (word.startswith("-") || commands.empty())
      return std::nullopt;
    auto known = llvm::find_if(commands, [&](CLI::App *c) { return c->check_name(word.str()); });
    if (known != commands.end()) {
      at = *known;
      continue;
    }
    std::vector<std::string> names;
    for (CLI::App *command : commands)
      names.push_back(command->get_name());
    std::string path = commandPath(*at);
    std::string message = "unknown command `" + (path.empty() ? "" : path + " ") + word.str() +
                          "`";
    std::vector<llvm::StringRef> candidates(names.begin(), names.end());
    if (std::optional<std::string> best = sema::closestName(word, candidates))
      message += "; did you mean `" + (path.empty() ? "" : path + " ") + *best + "`?";
    message += "\n  commands" + (path.empty() ? std::string() : " of `" + path + "`") + ": " +
               llvm::join(names, ", ") + " (`sgdc " + (path.empty() ? "" : path + " ") +
               "--help` lists them)";
    return message;
  }
  return std::nullopt;
}

std::string shellQuote(llvm::StringRef text) {
  bool plain = !text.empty() && llvm::all_of(text, [](char c) {
    return llvm::isAlnum(c) || llvm::StringRef("_-./+:@%=,").contains(c);
  });
  if (plain)
    return text.str();
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

} // namespace sgd::driver

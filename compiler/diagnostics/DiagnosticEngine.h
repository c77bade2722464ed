#ifndef SGD_DIAGNOSTICS_DIAGNOSTICENGINE_H
#define SGD_DIAGNOSTICS_DIAGNOSTICENGINE_H

#include "diagnostics/Diagnostic.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace sgd {

/// Collects the diagnostics of one compilation. Phases report into it and go
/// on; nothing is printed until the driver renders the sorted list.
///
/// It keeps at most `limit()` diagnostics (docs/limits.md): a file of a
/// million stray `}` must not take gigabytes and print for minutes. Those
/// beyond it are only counted, by id and severity, so the exit status and
/// the counts stay right; the driver reports how many were left out (W0910).
class DiagnosticEngine {
public:
  static constexpr unsigned kDefaultLimit = 1000;

  /// At most this many diagnostics are kept; 0 keeps all.
  void setLimit(unsigned limit) { limit_ = limit; }
  unsigned limit() const { return limit_; }

  /// The diagnostics beyond the limit that count (not suppressed).
  struct LeftOut {
    unsigned errors = 0;
    unsigned warnings = 0;
    unsigned notes = 0;
    unsigned total() const { return errors + warnings + notes; }
  };
  LeftOut leftOut() const;

  /// Adds a diagnostic with the code's default severity. The returned
  /// reference stays valid for adding notes and a fix-it. A diagnostic
  /// identical to an earlier one (code, range and message: an error inside a
  /// template expanded many times) is dropped; its notes then go nowhere.
  /// Inside an InstanceScope the diagnostic is about every instance the
  /// scope stands for: it gets a first note that counts them, and a repeat
  /// from another scope adds its instances to that count.
  Diagnostic &report(DiagCode code, SourceRange range, std::string message);

  /// While alive, what is reported is about each of `count` instances of a
  /// structure of the design, which `describePlace` names (`hall
  /// \`s[1..86].b[1..8].h[1..4]\``): a replicated node is elaborated and
  /// checked once for all of its replicas, and so is reported once. Scopes
  /// nest; the innermost counts. The name is asked for only when something
  /// is reported in the scope: most scopes see nothing reported, and the
  /// analyses open one per node.
  class InstanceScope {
  public:
    InstanceScope(DiagnosticEngine &engine, uint64_t count,
                  std::function<std::string()> describePlace);
    ~InstanceScope();
    InstanceScope(const InstanceScope &) = delete;
    InstanceScope &operator=(const InstanceScope &) = delete;

  private:
    DiagnosticEngine &engine_;
  };

  /// Moves every diagnostic of `other` into this engine (per-file engines of
  /// a parallel front end are merged this way).
  void append(DiagnosticEngine &&other);

  /// From now until endExpansion(), while a phase expands the design (ranges
  /// and templates make many elements of one text):
  /// - a diagnostic with the code and range of one reported since is dropped
  ///   whatever its message, which names one instance: the text has one
  ///   problem, reported once;
  /// - an error whose range overlaps an error reported before this call is
  ///   dropped: the later phase would report a name that an earlier one
  ///   found unknown again, in other words.
  void beginExpansion();
  /// Ends it; a diagnostic whose repeats were dropped gets a note that counts
  /// them.
  void endExpansion();

  /// Raises every warning that is not suppressed to an error (`--deny
  /// warnings`).
  void denyWarnings();

  /// Suppresses every diagnostic whose id (its code, or its compliance rule's
  /// id) is `id`, recording `justification` on it; returns how many.
  unsigned suppress(llvm::StringRef id, llvm::StringRef justification);

  /// Errors and warnings that are not suppressed.
  unsigned errorCount() const;
  unsigned warningCount() const;
  bool hasErrors() const { return errorCount() != 0; }

  /// All diagnostics ordered by file, position and code. Stable: diagnostics
  /// at the same place keep the order they were reported in.
  std::vector<const Diagnostic *> sorted() const;

private:
  struct Place {
    uint64_t count;
    std::string name;
  };
  /// The places a diagnostic was reported for, each counted once.
  struct Instances {
    std::vector<Place> places;
    uint64_t total = 0;
  };
  using Key = std::tuple<uint32_t, uint32_t, uint32_t, DiagCode, std::string>;

  /// An InstanceScope alive: its place is named when first needed.
  struct Scope {
    uint64_t count;
    std::function<std::string()> describePlace;
    std::optional<std::string> place;
  };

  /// Counts `scope`'s place for diagnostic `index` and keeps its note up to
  /// date.
  void countInstances(size_t index, Scope &scope);
  /// Counts `d`, which is beyond the limit, by its id and severity.
  void countLeftOut(const Diagnostic &d) const;
  /// Counts the last diagnostic report() returned beyond the limit, once its
  /// reporter has set its severity and id (rules set them after report()).
  void settleLeftOut() const;

  // deque: references returned by report() survive later reports.
  std::deque<Diagnostic> diagnostics_;
  Diagnostic repeated_; // the last dropped repeat: takes its notes
  std::map<Key, size_t> reported_; // → index into diagnostics_
  std::vector<Scope> scopes_;      // the InstanceScopes alive, innermost last
  std::map<size_t, Instances> instances_; // per diagnostic reported in a scope
  unsigned limit_ = kDefaultLimit;
  // Beyond the limit: counts by id (a code, or a rule's id).
  mutable std::map<std::string, LeftOut> leftOut_;
  mutable Diagnostic beyondLimit_; // the last one returned, not counted yet
  mutable bool beyondLimitPending_ = false;
  // beginExpansion(): the errors before it, and per (file, begin, end, code)
  // since it, the index of the diagnostic kept (NoKept if none) and the
  // repeats dropped.
  static constexpr size_t NoKept = SIZE_MAX;
  bool expanding_ = false;
  std::vector<SourceRange> errorsBefore_;
  std::map<std::tuple<uint32_t, uint32_t, uint32_t, DiagCode>, std::pair<size_t, unsigned>>
      expanded_;
};

} // namespace sgd

#endif

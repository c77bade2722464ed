#ifndef SGD_MODEL_MODELDUMP_H
#define SGD_MODEL_MODELDUMP_H

#include "base/SourceFiles.h"
#include "model/Design.h"
#include "model/Expansion.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace sgd::model {

/// `sgdc dump model`: the design as an indented outline, down to halls (rows
/// are counted, not listed), each node with its racks by type, GPUs and IT
/// load, its attributes and its equipment; in the instances form a range
/// once (`building b[1..8] × 8`, with each replica's figures). `root` limits
/// the outline to one replica's subtree ({NoIndex, 0}: everything).
/// Deterministic.
void dumpModelText(const Design &design, const SourceFiles &files, Replica root, ModelForm form,
                   llvm::raw_ostream &out);

/// `sgdc dump model --format json`: every node down to rows with its totals,
/// attributes, rack runs and equipment; the catalog entries the design uses;
/// zones, compliance packs and schedules. In the instances form each node
/// once with its `replicas` and the flat lists with `instances`; expanded,
/// every replica. Documented field by field in docs/outputs.md (model.json
/// is this dump).
/// `extra` writes further members of the top-level object (the checks'
/// figures).
void dumpModelJson(const Design &design, const SourceFiles &files, Replica root, ModelForm form,
                   llvm::raw_ostream &out,
                   llvm::function_ref<void(llvm::json::OStream &)> extra = nullptr);

/// How a value is written in SGD (`4000 m2`, `data_hall`, `"US"`).
std::string formatValue(const Design &design, const Value &value);

} // namespace sgd::model

#endif

// The study's output: a text table (every metric, every policy), a CSV, the
// policy-vs-LOOK summary, and one SVG per profile and scenario.
#pragma once
#include <string>
#include <vector>

#include "study.h"

namespace elevator::sim {

/// The full table: one line per cell and policy.
std::string format_table(const std::vector<Cell>& cells);
/// The same as CSV (a header line, then one line per cell and policy).
std::string format_csv(const std::vector<Cell>& cells);
/// The module's policy against LOOK per cell: mean and p95 wait, the change
/// in percent, and whether the goals hold (15% lower mean and lower p95 at
/// up-peak and down-peak near saturation, never more than 2% worse).
std::string format_summary(const std::vector<Cell>& cells, bool* goals_met = nullptr);

/**
 * wait_distribution_svg() - a hand-written SVG: for each cell given (the
 * moderate and the near-saturation rate of one scenario), the cumulative
 * distribution of waits per policy, with each policy's mean and p95.
 */
std::string wait_distribution_svg(const std::string& title, const std::vector<const Cell*>& panels);

}  // namespace elevator::sim

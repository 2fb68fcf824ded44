// c3p-budget: exact budget rules of the MOE City-to-City Collaboration for Zero Carbon Society
// programme: money, Table 5, policies, budgets, the checker and its violations. The edges are
// headers of their own: the year's settlement (c3p/settlement.hpp), the CSV reader
// (c3p/csv.hpp), the text reports (c3p/report.hpp) and the JSON documents (c3p/json.hpp, which
// needs nlohmann/json).
#pragma once

#include "c3p/budget.hpp"
#include "c3p/categories.hpp"
#include "c3p/checker.hpp"
#include "c3p/classify.hpp"
#include "c3p/decimal.hpp"
#include "c3p/error.hpp"
#include "c3p/fiscal_year.hpp"
#include "c3p/headroom.hpp"
#include "c3p/line_amount_list.hpp"
#include "c3p/messages.hpp"
#include "c3p/policy.hpp"
#include "c3p/quantity.hpp"
#include "c3p/rate.hpp"
#include "c3p/rounding.hpp"
#include "c3p/totals.hpp"
#include "c3p/version.hpp"
#include "c3p/violation.hpp"
#include "c3p/violation_list.hpp"
#include "c3p/yen.hpp"

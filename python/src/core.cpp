// c3p_budget._core: the library's budgets, checks and settlements for Python. Amounts cross
// as decimal.Decimal (out) and Decimal, int or str (in), never as float; every figure is the
// library's. The Python package (c3p_budget/__init__.py) adds reading files and workbooks.
#include <c3p/c3p.hpp>
#include <c3p/csv.hpp>
#include <c3p/derivation.hpp>
#include <c3p/headroom.hpp>
#include <c3p/json.hpp>
#include <c3p/plan.hpp>
#include <c3p/policy_file.hpp>
#include <c3p/score.hpp>
#include <c3p/report.hpp>
#include <c3p/settlement.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

// ---- values in ----------------------------------------------------------------------------

py::object decimal_type() { return py::module_::import("decimal").attr("Decimal"); }
py::object fraction_type() { return py::module_::import("fractions").attr("Fraction"); }

/// The text of a number given as Decimal, int or str; a float or a bool is refused.
/// `lenient`: the text came as str, so people's forms ("¥1,200", "１２０") are read too.
std::string number_text(py::handle value, const char* what, bool& lenient) {
    lenient = false;
    const std::string name(what);
    if (py::isinstance<py::float_>(value))
        throw py::type_error(name + " is a float, which cannot hold most decimal amounts exactly: pass a "
                                    "decimal.Decimal or a str, such as Decimal(\"1234.5\") or \"1234.5\"");
    if (py::isinstance<py::bool_>(value)) throw py::type_error(name + " is a bool, not a number");
    if (py::isinstance<py::int_>(value)) return py::str(value).cast<std::string>();
    if (py::isinstance(value, decimal_type())) {
        if (!value.attr("is_finite")().cast<bool>()) throw py::value_error(name + " is " + py::str(value).cast<std::string>() + ", not a number");
        return py::str(py::module_::import("builtins").attr("format")(value, "f")).cast<std::string>();
    }
    if (py::isinstance<py::str>(value)) {
        lenient = true;
        return value.cast<std::string>();
    }
    throw py::type_error(name + " must be a decimal.Decimal, an int or a str, not " +
                         py::str(value.get_type().attr("__name__")).cast<std::string>());
}

/// Why `text` is not a `what`: OverflowError when it is a number too large to be exact, else ParseError.
template <class T>
[[noreturn]] void refuse(const char* what, const std::string& text, const c3p::parse_result<T>& parsed) {
    const auto message = c3p::detail::parse_message(what, text, {0, parsed.error, parsed.position});
    if (parsed.error == c3p::number_error::too_large) throw c3p::overflow_error(message);
    throw c3p::parse_error(message, parsed.position);
}

c3p::decimal to_decimal(py::handle value, const char* what) {
    bool lenient = false;
    const std::string text = number_text(value, what, lenient);
    const auto parsed = lenient ? c3p::decimal::try_parse_lenient(text) : c3p::decimal::try_parse(text);
    if (!parsed) refuse(what, text, parsed);
    return parsed.value;
}

c3p::yen to_yen(py::handle value, const char* what) { return c3p::yen(to_decimal(value, what)); }

/// A rate from Decimal ("0.1"), int, fractions.Fraction or str ("10%", "0.1").
c3p::rate to_rate(py::handle value, const char* what) {
    if (py::isinstance(value, fraction_type())) {
        const auto numerator = value.attr("numerator").cast<long long>();
        const auto denominator = value.attr("denominator").cast<long long>();
        if (numerator < 0) throw py::value_error(std::string(what) + " must not be negative");
        return c3p::rate::fraction(numerator, denominator);
    }
    bool lenient = false;
    const std::string text = number_text(value, what, lenient);
    const auto parsed = lenient ? c3p::rate::try_parse_lenient(text) : c3p::rate::try_parse(text);
    if (!parsed) refuse(what, text, parsed);
    return parsed.value;
}

c3p::language to_language(const std::string& lang) {
    if (const auto found = c3p::language_from_string(lang)) return *found;
    throw py::value_error("lang must be \"en\" or \"ja\", not \"" + lang + "\"");
}

c3p::item to_item(const std::string& name) {
    if (const auto found = c3p::find_item(name)) return *found;
    const auto problem = c3p::item_candidates(name).empty() ? c3p::input_problem::unknown_item : c3p::input_problem::ambiguous_item;
    throw py::value_error(c3p::describe(c3p::input_error{.problem = problem, .text = name}));
}

/// The policy a `policy=` argument names: a built-in's name, a Policy, or None (`otherwise`).
c3p::policy to_policy(const py::object& given, const c3p::policy& otherwise = c3p::fy2025) {
    if (given.is_none()) return otherwise;
    if (py::isinstance<c3p::sourced_policy>(given)) return given.cast<const c3p::sourced_policy&>().rules;
    if (!py::isinstance<py::str>(given)) throw py::type_error("policy must be a name such as \"fy2026\" or a c3p_budget.Policy");
    const auto name = given.cast<std::string>();
    if (const auto* found = c3p::find_policy(name)) return *found;
    throw py::value_error(c3p::describe(c3p::input_error{.problem = c3p::input_problem::unknown_policy, .text = name}));
}

std::chrono::year_month_day to_date(py::handle value) {
    if (py::isinstance<py::str>(value)) {
        const auto text = value.cast<std::string>();
        if (const auto parsed = c3p::parse_date(text)) return *parsed;
        throw py::value_error("\"" + text + "\" is not a date such as 2025-04-01, 2025/4/1 or 令和7年4月1日");
    }
    if (py::isinstance(value, py::module_::import("datetime").attr("date"))) {
        return std::chrono::year_month_day{std::chrono::year(value.attr("year").cast<int>()),
                                           std::chrono::month(value.attr("month").cast<unsigned>()),
                                           std::chrono::day(value.attr("day").cast<unsigned>())};
    }
    throw py::type_error("a date must be a datetime.date or a str, not " +
                         py::str(value.get_type().attr("__name__")).cast<std::string>());
}

/// The line Budget.add and Record describe, with its words checked as the CSV reader checks them.
c3p::line make_line(const std::string& item, py::handle unit_price, py::handle quantity, const std::string& basis,
                    const std::optional<std::string>& reason, bool field_survey, std::string description) {
    c3p::line l;
    l.item = to_item(item);
    l.unit_price = to_yen(unit_price, "unit_price");
    l.quantity = c3p::quantity(to_decimal(quantity, "quantity"));
    if (l.quantity.is_negative()) throw py::value_error("quantity must not be negative");
    const auto parsed_basis = c3p::detail::parse_price_basis(basis);
    if (!parsed_basis) throw py::value_error(c3p::describe(c3p::input_error{.problem = c3p::input_problem::unknown_price_basis, .text = basis}));
    l.basis = *parsed_basis;
    const auto parsed_reason = c3p::detail::parse_consumable_reason(reason.value_or(""));
    if (!parsed_reason) throw py::value_error(c3p::describe(c3p::input_error{.problem = c3p::input_problem::unknown_reason, .text = *reason}));
    l.reason = *parsed_reason;
    l.field_survey = field_survey;
    l.description = std::move(description);
    if (!c3p::detail::representable(l.unit_price, l.quantity))
        throw py::value_error(c3p::describe(c3p::input_error{.problem = c3p::input_problem::too_large}));
    return l;
}

// ---- values out ---------------------------------------------------------------------------

py::object to_python(const c3p::decimal& value) { return decimal_type()(c3p::to_string(value)); }
py::object to_python(const c3p::yen& value) { return to_python(value.value()); }
py::object to_python(const std::optional<c3p::decimal>& value) { return value ? to_python(*value) : py::none(); }

py::object to_python(const c3p::rate& value) {
    if (const auto exact = value.to_decimal()) return to_python(*exact);
    return fraction_type()(py::int_(py::str(c3p::detail::numerator(value).str())),
                           py::int_(py::str(c3p::detail::denominator(value).str())));
}

py::object to_python(const std::chrono::year_month_day& date) {
    if (!date.ok()) return py::none();
    return py::module_::import("datetime").attr("date")(static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                                                       static_cast<unsigned>(date.day()));
}

template <class T>
py::object optional_to_python(const std::optional<T>& value) {
    return value ? py::cast(*value) : py::none();
}

py::str item_code(c3p::item i) { return py::str(std::string(c3p::code(i))); }

py::dict amounts(std::initializer_list<std::pair<const char*, c3p::yen>> named) {
    py::dict out;
    for (const auto& [name, amount] : named) out[name] = to_python(amount);
    return out;
}

// ---- the objects --------------------------------------------------------------------------

/// A budget with the rules its file named (`# policy:`), if it was read from one.
struct py_budget {
    c3p::budget lines;
    const c3p::policy* rules = nullptr;
    std::optional<c3p::sheet_layout> layout{};  ///< its file's, so that violations name their cells
};

/// A plan with the policy its file named for every year, if any.
struct py_plan {
    c3p::plan plan;
    const c3p::policy* forced = nullptr;
    std::optional<c3p::sheet_layout> layout{};  ///< its file's, so that violations name their cells
    std::vector<std::size_t> summary_rows{};     ///< its file's summary rows, warned as c3p-check does
    std::vector<c3p::plan_summary> summaries{};  ///< and the amounts they state
};

/// A JSON value of the library's as Python's (dicts, lists, str, int, None).
py::object from_json(const nlohmann::ordered_json& value) { return py::module_::import("json").attr("loads")(value.dump()); }

/// The sources of a `policy=` argument that was a Policy; none for a name or None.
const c3p::sourced_policy* sources_of(const py::object& policy) {
    return py::isinstance<c3p::sourced_policy>(policy) ? &policy.cast<const c3p::sourced_policy&>() : nullptr;
}

/// A result's derivation: kept with it as `_derivation`, or worked out from what it kept.
c3p::derivation derivation_of(const py::object& result);

py::object violation_repr(const c3p::violation& v) {
    return py::str("<Violation " + std::string(v.code()) + ": " + c3p::describe(v) + ">");
}

void bind_violation(py::module_& m) {
    py::class_<c3p::violation>(m, "Violation", "One broken rule, as data; message(lang) writes its sentence.")
        .def_property_readonly("code", [](const c3p::violation& v) { return std::string(v.code()); },
                               "The stable code, such as \"cap.exceeded\".")
        .def_property_readonly("severity", [](const c3p::violation& v) { return std::string(c3p::to_string(v.severity)); },
                               "\"error\" or \"warning\".")
        .def_property_readonly("is_error", &c3p::violation::is_error)
        .def_property_readonly("line", [](const c3p::violation& v) { return optional_to_python(v.line); },
                               "The 0-based index of the line (or record) concerned; None for a rule of the whole.")
        .def_property_readonly("source_line", [](const c3p::violation& v) { return optional_to_python(v.source_line); },
                               "The 1-based line (or worksheet row) it was read from, when known.")
        .def_property_readonly("cell", [](const c3p::violation& v) -> py::object {
            return v.cell ? py::object(py::str(c3p::to_string(*v.cell))) : py::none();
        }, "The cell it is about, as a spreadsheet names it (\"D16\"), for a result read from a file; else None.")
        .def_property_readonly("item", [](const c3p::violation& v) -> py::object { return v.item ? py::object(item_code(*v.item)) : py::none(); },
                               "The item code concerned, or None.")
        .def_property_readonly("actual", [](const c3p::violation& v) { return to_python(v.actual); },
                               "The figure found, as Decimal, or None.")
        .def_property_readonly("limit", [](const c3p::violation& v) { return to_python(v.limit); },
                               "The figure it was compared with, as Decimal, or None.")
        .def_property_readonly("category", [](const c3p::violation& v) -> py::object {
            return v.category ? py::object(py::str(std::string(c3p::code(*v.category)))) : py::none();
        }, "Settlement: the category concerned, or None.")
        .def_property_readonly("date", [](const c3p::violation& v) { return v.date ? to_python(*v.date) : py::none(); },
                               "Settlement: the record's date, or None.")
        .def_property_readonly("fiscal_year", [](const c3p::violation& v) { return optional_to_python(v.fiscal_year); },
                               "The fiscal year the rule was judged for, or None.")
        .def("message", [](const c3p::violation& v, const std::string& lang) { return c3p::describe(v, to_language(lang)); },
             py::arg("lang") = "en", "The sentence, in English (\"en\") or Japanese (\"ja\").")
        .def("__str__", [](const c3p::violation& v) { return c3p::describe(v); })
        .def("__repr__", &violation_repr);
}

void bind_input_error(py::module_& m) {
    py::class_<c3p::input_error>(m, "InputError", "One problem of a file: where it is and what it is.")
        .def_readonly("line", &c3p::input_error::line, "1-based line (worksheet row).")
        .def_readonly("column", &c3p::input_error::column, "1-based column of the CSV text, in characters.")
        .def_property_readonly("code", [](const c3p::input_error& e) { return std::string(e.code()); },
                               "The stable code, such as \"input.invalid_number\".")
        .def_property_readonly("column_name", [](const c3p::input_error& e) -> py::object {
            return e.column_name ? py::object(py::str(std::string(c3p::to_string(*e.column_name)))) : py::none();
        }, "The budget column concerned (\"unit_price\"), or None.")
        .def_readonly("text", &c3p::input_error::text, "The offending text as found.")
        .def_property_readonly("cell", [](const c3p::input_error& e) -> py::object {
            return e.cell ? py::object(py::str(c3p::to_string(*e.cell))) : py::none();
        }, "The cell, as a spreadsheet names it (\"D16\"), where one is concerned; else None.")
        .def("message", [](const c3p::input_error& e, const std::string& lang) { return c3p::describe(e, to_language(lang)); },
             py::arg("lang") = "en", "The sentence, in English (\"en\") or Japanese (\"ja\").")
        .def("__str__", [](const c3p::input_error& e) { return c3p::to_string(e, "line"); })
        .def("__repr__", [](const c3p::input_error& e) { return "<InputError " + c3p::to_string(e, "line") + ">"; });
    m.def("encoding_errors", [](std::string_view text, const std::vector<std::tuple<std::size_t, std::size_t, std::size_t>>& found,
                                std::string encoding) {
        // found: (line, column, byte offset in the decoded UTF-8 text) of each, in order.
        std::vector<std::size_t> offsets;
        for (const auto& f : found) offsets.push_back(std::get<2>(f));
        const auto cells = c3p::cells_at(text, offsets);
        std::vector<c3p::input_error> out;
        for (std::size_t k = 0; k < found.size(); ++k)
            out.push_back({.line = std::get<0>(found[k]), .column = std::get<1>(found[k]),
                           .problem = c3p::input_problem::invalid_encoding, .text = encoding, .cell = cells[k]});
        return out;
    }, "input.invalid_encoding errors in decoded text, each at (line, column, UTF-8 byte offset), with their cells "
       "(encoding: its name, \"\" for UTF-8).");
}

py::object line_object(const c3p::line& l, std::optional<std::size_t> source_line) {
    py::dict out;
    out["item"] = item_code(l.item);
    out["description"] = l.description;
    out["unit_price"] = to_python(l.unit_price);
    out["quantity"] = to_python(l.quantity.value());
    out["basis"] = std::string(c3p::to_string(l.basis));
    out["consumable_reason"] = l.reason == c3p::consumable_reason::none ? py::object(py::none()) : py::str(std::string(c3p::to_string(l.reason)));
    out["field_survey"] = l.field_survey;
    out["source_line"] = optional_to_python(source_line);
    return py::module_::import("types").attr("SimpleNamespace")(**out);
}

void bind_budget(py::module_& m) {
    py::class_<py_budget>(m, "Budget", R"(A Table 5 budget: lines and the terms agreed (G&A rate, uplift, outsourcing justified).

    b = Budget(ga_rate="10%")
    b.add("personnel", Decimal("40000"), 200, basis="untaxed").add("備品費", "1,200,000")
    result = check(b)
Amounts are Decimal, int or str ("¥1,200,000" too), never float.)")
        .def(py::init([](py::object ga_rate, py::object uplift, bool outsourcing_justified) {
                 py_budget b;
                 if (!ga_rate.is_none()) b.lines.set_general_admin_rate(to_rate(ga_rate, "ga_rate"));
                 b.lines.set_uplift(to_yen(uplift, "uplift"));
                 b.lines.set_outsourcing_justified(outsourcing_justified);
                 return b;
             }),
             py::kw_only(), py::arg("ga_rate") = py::none(), py::arg("uplift") = py::int_(0),
             py::arg("outsourcing_justified") = false)
        .def("add",
             [](py_budget& b, const std::string& item, py::object unit_price, py::object quantity, const std::string& basis,
                const std::optional<std::string>& consumable_reason, bool field_survey, std::string description) -> py_budget& {
                 b.lines.add(make_line(item, unit_price, quantity, basis, consumable_reason, field_survey, std::move(description)));
                 return b;
             },
             py::arg("item"), py::arg("unit_price"), py::arg("quantity") = py::int_(1), py::kw_only(),
             py::arg("basis") = "exclusive", py::arg("consumable_reason") = py::none(), py::arg("field_survey") = false,
             py::arg("description") = "", py::return_value_policy::reference_internal,
             R"(Adds a line: item as a code ("equipment") or Japanese name ("備品費"), unit price and quantity
as Decimal, int or str; basis "exclusive" (default), "inclusive" or "untaxed" (税抜/税込/不課税);
consumable_reason None, "not_reusable", "fragile" or "short_life". Returns the budget.)")
        .def_property("ga_rate",
                      [](const py_budget& b) -> py::object {
                          const auto& agreed = b.lines.general_admin_rate();
                          return agreed ? to_python(*agreed) : py::none();
                      },
                      [](py_budget& b, py::object value) {
                          b.lines.set_general_admin_rate(value.is_none() ? std::nullopt : std::optional(to_rate(value, "ga_rate")));
                      },
                      "The agreed G&A rate as a Decimal fraction (0.1), or None; set from Decimal, str (\"10%\") or Fraction.")
        .def_property("uplift", [](const py_budget& b) { return to_python(b.lines.uplift()); },
                      [](py_budget& b, py::object value) { b.lines.set_uplift(to_yen(value, "uplift")); },
                      "The field-survey uplift requested, in yen.")
        .def_property("outsourcing_justified", [](const py_budget& b) { return b.lines.outsourcing_justified(); },
                      [](py_budget& b, bool justified) { b.lines.set_outsourcing_justified(justified); })
        .def_property_readonly("policy", [](const py_budget& b) -> py::object {
            return b.rules ? py::object(py::str(std::string(b.rules->name))) : py::none();
        }, "The policy its file named (# policy:), or None.")
        .def_property_readonly("lines", [](const py_budget& b) {
            py::list out;
            for (std::size_t i = 0; i < b.lines.size(); ++i) out.append(line_object(b.lines.lines()[i], b.lines.source_line(i)));
            return out;
        }, "The lines, each with item, description, unit_price, quantity, basis, consumable_reason, field_survey, source_line.")
        .def("__len__", [](const py_budget& b) { return b.lines.size(); })
        .def("__repr__", [](const py_budget& b) { return "<Budget of " + std::to_string(b.lines.size()) + " lines>"; });
}

void bind_check(py::module_& m) {
    py::class_<c3p::check_result>(m, "CheckResult", "What a check found: totals, items, line amounts and violations.",
                                  py::dynamic_attr())
        .def_property_readonly("policy", [](const c3p::check_result& r) { return std::string(r.policy.name); })
        .def_property_readonly("totals", [](const c3p::check_result& r) {
            const auto& t = r.totals;
            return amounts({{"direct", t.direct()}, {"joint_implementation", t.joint_implementation()},
                            {"general_admin", t.general_admin()}, {"pre_tax", t.pre_tax},
                            {"consumption_tax", t.consumption_tax()}, {"total", t.total}, {"cap", t.cap},
                            {"headroom", t.headroom()}});
        }, "direct, joint_implementation, general_admin, pre_tax, consumption_tax, total, cap, headroom (Decimal).")
        .def_property_readonly("categories", [](const c3p::check_result& r) {
            py::dict out;
            for (const auto& entry : c3p::category_table)
                if (entry.id != c3p::category::consumption_tax) out[py::str(std::string(entry.code))] = to_python(r.totals.category(entry.id));
            return out;
        }, "Each category's subtotal (Decimal).")
        .def_property_readonly("items", [](const c3p::check_result& r) {
            py::dict out;
            for (const auto& entry : c3p::item_table)
                if (!entry.computed) out[py::str(std::string(entry.code))] = to_python(r.totals.item(entry.id));
            return out;
        }, "Each cost item's subtotal (Decimal), in Table 5's order.")
        .def_property_readonly("general_admin_base", [](const c3p::check_result& r) { return to_python(r.totals.general_admin_base); })
        .def_property_readonly("general_admin_rate", [](const c3p::check_result& r) {
            return r.terms.general_admin_rate ? to_python(*r.terms.general_admin_rate) : py::none();
        })
        .def_property_readonly("granted_uplift", [](const c3p::check_result& r) { return to_python(r.totals.granted_uplift); })
        .def_property_readonly("line_amounts", [](const c3p::check_result& r) {
            py::list out;
            if (r.line_amounts)
                for (const auto& l : *r.line_amounts) out.append(to_python(l.amount));
            return out;
        }, "Each line's amount (Decimal), in line order.")
        .def_property_readonly("violations", [](const c3p::check_result& r) {
            return r.violations.to_vector();
        }, "Every violation: line rules in line order, then budget rules.")
        .def_property_readonly("has_errors", &c3p::check_result::has_errors)
        .def_property_readonly("ok", [](const c3p::check_result& r) { return !r.has_errors(); }, "No violation is an error.")
        .def_property_readonly("derivation", &derivation_of, "How every figure was reached (計算根拠): a Derivation.")
        .def("explain", [](const py::object& self, const std::string& lang) {
            return c3p::format_derivation(derivation_of(self), to_language(lang));
        }, py::arg("lang") = "en", "Every figure's derivation as text, as `c3p-check --explain` prints it.")
        .def("__repr__", [](const c3p::check_result& r) {
            return "<CheckResult total " + c3p::to_string(r.totals.total) + ", " + std::to_string(r.violations.size()) + " violations>";
        });

    m.def("check", [](const py_budget& b, const py::object& policy) {
        auto checked = c3p::check(b.lines, to_policy(policy, b.rules ? *b.rules : c3p::fy2025), {.line_amounts = true});
        if (b.layout) checked.violations.locate(*b.layout);
        py::object result = py::cast(std::move(checked));
        // What explain() needs: the lines as checked (a copy: the budget may change later) and the sources.
        result.attr("_budget") = py::cast(py_budget{b});  // a new object: py::cast(b) would be the caller's
        result.attr("_policy") = policy;
        return result;
    }, py::arg("budget"), py::arg("policy") = py::none(),
       "Checks a budget under a policy (a name such as \"fy2026\" or a Policy; None: the policy its file named, else fy2025).");
    m.def("validate", [](const py_budget& b, const py::object& policy) {
        auto checked = c3p::check(b.lines, to_policy(policy, b.rules ? *b.rules : c3p::fy2025));
        if (b.layout) checked.violations.locate(*b.layout);
        return checked.violations.to_vector();
    }, py::arg("budget"), py::arg("policy") = py::none(), "The violations of check(budget, policy); empty when it passes.");
}

c3p::derivation derivation_of(const py::object& result) {
    if (py::hasattr(result, "_derivation")) return result.attr("_derivation").cast<c3p::derivation>();
    return c3p::derive(result.attr("_budget").cast<const py_budget&>().lines, result.cast<const c3p::check_result&>(),
                       sources_of(result.attr("_policy")));
}

void bind_derivation(py::module_& m) {
    py::class_<c3p::derivation>(m, "Derivation", R"(How every figure of a result was reached (計算根拠): steps, each with its id, value,
operation, operands (other steps, policy values, terms, cells), rounding and the comparisons the
rules made; as in the JSON of `c3p-check --explain` (docs/derivation.md).)")
        .def_property_readonly("steps", [](const c3p::derivation& d) {
            auto steps = nlohmann::ordered_json::array();
            for (const auto& s : d.steps) steps.push_back(c3p::to_json(s));
            return from_json(steps);
        }, "Every step as a dict: id, value, unit, operation, operands, rounding, source_line, judged.")
        .def("find", [](const c3p::derivation& d, const std::string& id) -> py::object {
            const auto* s = d.find(id);
            return s ? from_json(c3p::to_json(*s)) : py::none();
        }, py::arg("id"), "The step of that id (\"total\", \"line.3.amount\"), or None.")
        .def_property_readonly("policies", [](const c3p::derivation& d) { return d.policies; },
                               "The policies the steps' policy values come from, with their sources.")
        .def("explain", [](const c3p::derivation& d, const std::string& lang) {
            return c3p::format_derivation(d, to_language(lang));
        }, py::arg("lang") = "en")
        .def("__len__", [](const c3p::derivation& d) { return d.steps.size(); })
        .def("__repr__", [](const c3p::derivation& d) { return "<Derivation of " + std::to_string(d.steps.size()) + " steps>"; });
}

void bind_settlement(py::module_& m) {
    py::class_<c3p::actual_record>(m, "Record", R"(One record of actual spending: a dated line (a negative amount is a refund).

    Record("2025-04-30", "personnel", "40000", 20, basis="untaxed", receipt="R-0001")
The date is a datetime.date or a str (2025-04-30, 2025/4/30, 令和7年4月30日).)")
        .def(py::init([](py::object date, const std::string& item, py::object unit_price, py::object quantity,
                         const std::string& basis, const std::optional<std::string>& consumable_reason, bool field_survey,
                         std::string description, std::string receipt) {
                 return c3p::actual_record{make_line(item, unit_price, quantity, basis, consumable_reason, field_survey,
                                                     std::move(description)),
                                           to_date(date), std::move(receipt)};
             }),
             py::arg("date"), py::arg("item"), py::arg("unit_price"), py::arg("quantity") = py::int_(1), py::kw_only(),
             py::arg("basis") = "exclusive", py::arg("consumable_reason") = py::none(), py::arg("field_survey") = false,
             py::arg("description") = "", py::arg("receipt") = "")
        .def_property_readonly("date", [](const c3p::actual_record& r) { return to_python(r.date); })
        .def_property_readonly("item", [](const c3p::actual_record& r) { return item_code(r.line.item); })
        .def_property_readonly("unit_price", [](const c3p::actual_record& r) { return to_python(r.line.unit_price); })
        .def_property_readonly("quantity", [](const c3p::actual_record& r) { return to_python(r.line.quantity.value()); })
        .def_property_readonly("description", [](const c3p::actual_record& r) { return r.line.description; })
        .def_readonly("receipt", &c3p::actual_record::receipt)
        .def_property_readonly("source_line", [](const c3p::actual_record& r) { return optional_to_python(r.source_line); })
        .def("__repr__", [](const c3p::actual_record& r) {
            return "<Record " + c3p::to_string(r.date) + " " + std::string(c3p::code(r.line.item)) + " " +
                   c3p::to_string(r.line.unit_price) + " x " + c3p::to_string(r.line.quantity) + ">";
        });

    py::class_<c3p::settlement>(m, "Settlement", "What MOE pays for a contract given the spending recorded.",
                                py::dynamic_attr())
        .def_property_readonly("policy", [](const c3p::settlement& s) { return std::string(s.policy.name); })
        .def_property_readonly("settlement_basis", [](const c3p::settlement& s) {
            return std::string(c3p::to_string(s.policy.settlement));
        })
        .def_readonly("fiscal_year", &c3p::settlement::fiscal_year)
        .def_property_readonly("categories", [](const c3p::settlement& s) {
            py::dict out;
            for (std::size_t k = 0; k < c3p::settling_categories.size(); ++k) {
                const auto& c = s.categories[k];
                out[py::str(std::string(c3p::code(c3p::settling_categories[k])))] =
                    amounts({{"contracted", c.contracted}, {"actual", c.actual}, {"moved", c.moved},
                             {"eligible", c.eligible}, {"unpaid", c.unpaid}});
            }
            return out;
        }, "personnel, operating, joint_implementation: contracted, actual, moved, eligible, unpaid (Decimal).")
        .def_property_readonly("general_admin", [](const c3p::settlement& s) {
            return amounts({{"contracted", s.general_admin_contracted}, {"settled", s.general_admin_settled}});
        })
        .def_property_readonly("pre_tax", [](const c3p::settlement& s) { return to_python(s.pre_tax); })
        .def_property_readonly("consumption_tax", [](const c3p::settlement& s) { return to_python(s.consumption_tax); })
        .def_property_readonly("total", [](const c3p::settlement& s) { return to_python(s.total); })
        .def_property_readonly("contract_amount", [](const c3p::settlement& s) { return to_python(s.contract_amount); })
        .def_property_readonly("payable", [](const c3p::settlement& s) { return to_python(s.payable); },
                               "min(total, contract amount): what MOE pays.")
        .def_property_readonly("returned", [](const c3p::settlement& s) { return to_python(s.returned); })
        .def_property_readonly("transfer_allowance", [](const c3p::settlement& s) { return to_python(s.transfer_allowance); })
        .def_property_readonly("violations", [](const c3p::settlement& s) { return s.violations.to_vector(); })
        .def_property_readonly("variance", [](const c3p::settlement& s) {
            py::list out;
            for (const auto& v : c3p::variance(s)) {
                py::dict row = amounts({{"contracted", v.contracted}, {"actual", v.actual}, {"difference", v.difference}});
                row["item"] = item_code(v.item);
                out.append(row);
            }
            return out;
        }, "Plan against actual per cost item: item, contracted, actual, difference (Decimal).")
        .def_property_readonly("spending_room", [](const c3p::settlement& s) {
            py::dict out;
            for (const auto& room : c3p::spending_room(s)) {
                py::dict entry;
                entry["before_overspend"] = to_python(room.before_overspend);
                entry["before_approval"] = room.before_approval ? to_python(*room.before_approval) : py::none();
                out[py::str(std::string(c3p::code(room.category)))] = entry;
            }
            return out;
        }, "Per category, how much more may be spent before an overspend and before a transfer needs approval.")
        .def_property_readonly("has_errors", &c3p::settlement::has_errors)
        .def_property_readonly("derivation", &derivation_of, "How every figure was reached (計算根拠): a Derivation.")
        .def("explain", [](const py::object& self, const std::string& lang) {
            return c3p::format_derivation(derivation_of(self), to_language(lang));
        }, py::arg("lang") = "en", "Every figure's derivation as text, as `c3p-check settle --explain` prints it.")
        .def("__repr__", [](const c3p::settlement& s) {
            return "<Settlement payable " + c3p::to_string(s.payable) + ", returned " + c3p::to_string(s.returned) + ">";
        });

    m.def("settle",
          [](const py_budget& awarded, const py::object& given_records, py::object contract_amount,
             const py::object& policy, const std::optional<std::string>& settlement_basis,
             py::object transfer_share, const std::optional<std::string>& transfer_base, std::optional<int> fiscal_year,
             bool transfers_approved) {
              c3p::policy rules = to_policy(policy, awarded.rules ? *awarded.rules : c3p::fy2025);
              if (settlement_basis) {
                  const auto basis = c3p::settlement_basis_from_string(*settlement_basis);
                  if (!basis) throw py::value_error("settlement_basis must be \"whole_contract\" or \"per_category\"");
                  rules.settlement = *basis;
              }
              if (!transfer_share.is_none()) rules.transfer_share = to_rate(transfer_share, "transfer_share");
              if (transfer_base) {
                  const auto base = c3p::transfer_base_from_string(*transfer_base);
                  if (!base) throw py::value_error("transfer_base must be \"direct_total\" or \"receiving_category\"");
                  rules.transfer_of = *base;
              }
              c3p::contract contract{awarded.lines};
              if (!contract_amount.is_none()) contract.amount = to_yen(contract_amount, "contract_amount");
              std::vector<c3p::actual_record> records;
              try {
                  records = given_records.cast<std::vector<c3p::actual_record>>();
              } catch (const py::cast_error&) {
                  throw py::type_error("records must be a sequence of Record (read_records_csv, or Record(...))");
              }
              c3p::settle_options options{.fiscal_year = fiscal_year, .transfers_approved = transfers_approved};
              // Records read from a file (read_records_csv) carry its summary rows and its layout.
              if (py::hasattr(given_records, "summary_rows"))
                  options.summary_rows = given_records.attr("summary_rows").cast<std::vector<std::size_t>>();
              if (py::hasattr(given_records, "_summaries"))
                  options.summaries = given_records.attr("_summaries").cast<std::vector<c3p::summary_statement>>();
              auto s = c3p::settle(contract, records, rules, options);
              if (py::hasattr(given_records, "_layout") && !given_records.attr("_layout").is_none())
                  s.violations.locate(given_records.attr("_layout").cast<const c3p::sheet_layout&>());
              py::object out = py::cast(s);
              out.attr("_derivation") = py::cast(c3p::derive(contract, records, s, options, sources_of(policy)));
              return out;
          },
          py::arg("contract"), py::arg("records"), py::kw_only(), py::arg("contract_amount") = py::none(),
          py::arg("policy") = py::none(), py::arg("settlement_basis") = py::none(), py::arg("transfer_share") = py::none(),
          py::arg("transfer_base") = py::none(), py::arg("fiscal_year") = py::none(), py::arg("transfers_approved") = false,
          R"(Settles a year of spending records against the awarded budget: MOE pays the lower of the eligible
spending and the contract amount (contract_amount: a reduced award, tax included; None: the budget's
total). settlement_basis "whole_contract" (default) or "per_category"; transfer_share (default 20%)
and transfer_base ("direct_total" or "receiving_category") for per-category transfers.)");
}

// ---- reading text -------------------------------------------------------------------------

c3p::csv_settings settings_of(py::object ga_rate, py::object uplift, std::optional<bool> outsourcing_justified,
                              const std::optional<std::string>& delimiter) {
    c3p::csv_settings settings;
    if (!ga_rate.is_none()) settings.general_admin_rate = to_rate(ga_rate, "ga_rate");
    if (!uplift.is_none()) settings.uplift = to_yen(uplift, "uplift");
    settings.outsourcing_justified = outsourcing_justified;
    if (delimiter) {
        if (*delimiter == ",") settings.delimiter = ',';
        else if (*delimiter == "\t") settings.delimiter = '\t';
        else throw py::value_error("delimiter must be \",\" or \"\\t\"");
    }
    return settings;
}

/// The policy file of `text`; ValueError naming every problem by its key, in the language.
c3p::sourced_policy policy_from_json(const std::string& text, const std::string& lang) {
    auto read = c3p::read_policy_json(text);
    if (read.ok()) return std::move(*read.policy);
    std::string message;
    for (const auto& e : read.errors) message += (message.empty() ? "" : "\n") + c3p::describe(e, to_language(lang));
    throw py::value_error(message);
}

void bind_policy(py::module_& m) {
    py::class_<c3p::sourced_policy>(m, "Policy", R"(A fiscal year's rules: every value with its source and status (confirmed for that
year, or assumed). Built in: policy("fy2025"), policy("fy2026"); from a policy file: Policy.from_file
or Policy.from_dict (docs/policies.md). Give one to check, validate and settle as policy=.)")
        .def_static("from_file", [](const std::filesystem::path& path, const std::string& lang) {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw py::value_error("cannot open the policy file " + path.string());
            return policy_from_json({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}, lang);
        }, py::arg("path"), py::arg("lang") = "en", "A policy file (JSON); ValueError naming each problem by its key.")
        .def_static("from_dict", [](const py::dict& document, const std::string& lang) {
            // Through JSON, so that a dict is read as a file is; a Decimal becomes its text, a
            // float stays a number (and a rate written as one is refused).
            const auto text = py::module_::import("json").attr("dumps")(document, py::arg("default") = py::module_::import("builtins").attr("str"));
            return policy_from_json(text.cast<std::string>(), lang);
        }, py::arg("document"), py::arg("lang") = "en", "A policy from a dict shaped as a policy file.")
        .def_property_readonly("name", [](const c3p::sourced_policy& p) { return std::string(p.rules.name); })
        .def_property_readonly("fiscal_year", [](const c3p::sourced_policy& p) { return p.rules.fiscal_year; })
        .def_property_readonly("values", [](const c3p::sourced_policy& p) {
            py::dict out;
            for (const auto& k : c3p::policy_keys) out[py::str(std::string(k.name))] = c3p::value_text(p.rules, k.key);
            return out;
        }, "Each value as a policy file writes it: {\"cap\": \"20000000\", \"consumption_tax\": \"10%\", ...}.")
        .def_property_readonly("sources", [](const c3p::sourced_policy& p) {
            py::dict out;
            for (const auto& k : c3p::policy_keys) {
                const auto& s = p.source(k.key);
                py::dict entry;
                entry["status"] = std::string(c3p::to_string(s.status));
                entry["source"] = s.document;
                entry["place"] = s.place;
                out[py::str(std::string(k.name))] = entry;
            }
            return out;
        }, "Each value's source: {\"cap\": {\"status\": \"confirmed\", \"source\": ..., \"place\": ...}, ...}.")
        .def("to_dict", [](const c3p::sourced_policy& p) {
            return py::module_::import("json").attr("loads")(c3p::to_json(p).dump());
        }, "The policy file as a dict; Policy.from_dict(p.to_dict()) == p.")
        .def("to_json", [](const c3p::sourced_policy& p) { return c3p::format_json(p); }, "The policy file's text.")
        .def("explain", [](const c3p::sourced_policy& p, const std::string& lang) {
            return c3p::format_policy_report(p, to_language(lang));
        }, py::arg("lang") = "en", "Every value with its status and source, as `c3p-check policy show` prints it.")
        .def("__eq__", [](const c3p::sourced_policy& a, const py::object& b) {
            return py::isinstance<c3p::sourced_policy>(b) && a == b.cast<const c3p::sourced_policy&>();
        })
        .def("__repr__", [](const c3p::sourced_policy& p) {
            return "<Policy " + std::string(p.rules.name) + " for " + c3p::fiscal_year_name(p.rules.fiscal_year) + ">";
        });
    m.def("policies", &c3p::builtin_sourced_policies, "The built-in policies, in fiscal-year order.");
    m.def("policy", [](const std::string& name) {
        auto found = c3p::builtin_sourced_policy(name);
        if (!found) throw py::value_error(c3p::describe(c3p::input_error{.problem = c3p::input_problem::unknown_policy, .text = name}));
        return std::move(*found);
    }, py::arg("name"), "A built-in policy by name (\"fy2025\", \"fy2026\").");
}

py::dict totals_of(const c3p::totals& t) {
    return amounts({{"direct", t.direct()}, {"joint_implementation", t.joint_implementation()},
                    {"general_admin", t.general_admin()}, {"pre_tax", t.pre_tax}, {"consumption_tax", t.consumption_tax()},
                    {"total", t.total}, {"cap", t.cap}, {"headroom", t.headroom()}});
}

void bind_plan(py::module_& m) {
    py::class_<py_plan>(m, "Plan", "A project's lines over its fiscal years and phases (read_plan_csv).")
        .def_property_readonly("policy", [](const py_plan& p) -> py::object {
            return p.forced ? py::object(py::str(std::string(p.forced->name))) : py::none();
        }, "The policy its file named for every year (# policy:), or None.")
        .def_property_readonly("fiscal_years", [](const py_plan& p) {
            std::set<int> years;
            for (const auto& l : p.plan.lines) years.insert(l.fiscal_year);
            return std::vector<int>(years.begin(), years.end());
        })
        .def("__len__", [](const py_plan& p) { return p.plan.lines.size(); })
        .def("__repr__", [](const py_plan& p) { return "<Plan of " + std::to_string(p.plan.lines.size()) + " lines>"; });
    py::class_<c3p::plan_year>(m, "PlanYear", "One fiscal year of a plan, checked as a budget of its own.")
        .def_readonly("fiscal_year", &c3p::plan_year::fiscal_year)
        .def_property_readonly("era", [](const c3p::plan_year& y) { return c3p::era_name(y.fiscal_year); })
        .def_readonly("phase", &c3p::plan_year::phase)
        .def_property_readonly("policy", [](const c3p::plan_year& y) { return std::string(y.policy.name); })
        .def_readonly("policy_assumed", &c3p::plan_year::policy_assumed)
        .def_property_readonly("totals", [](const c3p::plan_year& y) { return totals_of(y.result.totals); })
        .def_property_readonly("violations", [](const c3p::plan_year& y) { return y.violations.to_vector(); })
        .def_property_readonly("task_costs", [](const c3p::plan_year& y) {
            py::dict out;
            for (std::size_t k = 0; k < y.task_costs.size(); ++k)
                if (y.task_costs[k]) out[py::int_(k + 1)] = to_python(*y.task_costs[k]);
            return out;
        }, "Per Table 3 task its lines name, their amount (Decimal).")
        .def_property_readonly("has_errors", &c3p::plan_year::has_errors);
    py::class_<c3p::plan_result>(m, "PlanResult", "A plan checked: each year, each phase, the phase rules.", py::dynamic_attr())
        .def_readonly("years", &c3p::plan_result::years)
        .def_property_readonly("phases", [](const c3p::plan_result& r) {
            py::list out;
            for (const auto& ph : r.phases) {
                py::dict phase;
                phase["phase"] = ph.phase;
                phase["first_year"] = ph.first_year;
                phase["last_year"] = ph.last_year;
                phase["total"] = to_python(ph.total);
                out.append(phase);
            }
            return out;
        }, "Each phase: phase, first_year, last_year, total (Decimal).")
        .def_property_readonly("total", [](const c3p::plan_result& r) { return to_python(r.total); })
        .def_property_readonly("violations", [](const c3p::plan_result& r) { return r.violations.to_vector(); },
                               "The phase rules' violations (each year's are in its violations).")
        .def_property_readonly("has_errors", &c3p::plan_result::has_errors)
        .def_property_readonly("derivation", &derivation_of, "How every figure was reached (計算根拠): a Derivation.")
        .def("explain", [](const py::object& self, const std::string& lang) {
            return c3p::format_derivation(derivation_of(self), to_language(lang));
        }, py::arg("lang") = "en")
        .def("report", [](const c3p::plan_result& r, const std::string& lang) {
            return c3p::format_plan_report(r, {}, to_language(lang));
        }, py::arg("lang") = "en", "The text report of `c3p-check plan`.");
    m.def("check_plan", [](const py_plan& p, const py::object& policy) {
        const c3p::policy forced = to_policy(policy, p.forced ? *p.forced : c3p::fy2025);
        const bool one_policy = !policy.is_none() || p.forced;
        auto r = c3p::check_plan(p.plan, {.forced = one_policy ? &forced : nullptr, .summary_rows = p.summary_rows,
                                          .summaries = p.summaries});
        if (p.layout) r.locate(*p.layout);
        py::object out = py::cast(r);
        out.attr("_derivation") = py::cast(c3p::derive(p.plan, r, sources_of(policy)));
        return out;
    }, py::arg("plan"), py::arg("policy") = py::none(),
       "Checks each fiscal year under its own year's policy (or `policy`, or the file's, for every year), and the phases.");
}

void bind_score(py::module_& m) {
    py::class_<c3p::scored_proposal>(m, "Score", "A proposal's Table 6 sheet.", py::dynamic_attr())
        .def_property_readonly("rows", [](const c3p::scored_proposal& s) {
            py::list out;
            for (const auto& row : s.rows) {
                py::dict entry;
                entry["id"] = std::string(row.row->id);
                entry["allocation"] = optional_to_python(row.allocation);
                entry["points"] = optional_to_python(row.points);
                entry["computed"] = row.row->computed();
                out.append(entry);
            }
            return out;
        }, "Each Table 6 row: id, allocation (None: does not apply), points (None: not judged yet), computed.")
        .def("points", [](const c3p::scored_proposal& s, const std::string& id) {
            const auto* row = c3p::find_score_row(id);
            if (!row) throw py::value_error("no Table 6 row \"" + id + "\"");
            return optional_to_python(s.row(row->row).points);
        }, py::arg("id"), "The points of the row named `id` (\"cost_effectiveness\").")
        .def_readonly("total", &c3p::scored_proposal::total)
        .def_readonly("maximum", &c3p::scored_proposal::maximum)
        .def_property_readonly("yen_per_tonne", [](const c3p::scored_proposal& s) { return to_python(s.yen_per_tonne); },
                               "Cost per t-CO2 a year, floored to six places, for display (the points never come from it).")
        .def_property_readonly("derivation", &derivation_of, "How the computed rows' bands were decided: a Derivation.")
        .def("explain", [](const py::object& self, const std::string& lang) {
            return c3p::format_derivation(derivation_of(self), to_language(lang));
        }, py::arg("lang") = "en");
    m.def("score", [](py::object reduction, py::object cost, int engineer_projects, int past_projects, bool ongoing,
                      const std::map<std::string, int>& judged, const std::string& band_reading) {
        c3p::proposal p;
        p.reduction = to_decimal(reduction, "reduction");
        p.cost = to_yen(cost, "cost");
        p.engineer_projects = engineer_projects;
        p.past_projects = past_projects;
        p.ongoing = ongoing;
        for (const auto& [id, points] : judged) {
            const auto* row = c3p::find_score_row(id);
            if (!row) throw py::value_error("no Table 6 row \"" + id + "\"");
            p.judge(row->row, points);
        }
        c3p::score_options o;
        if (band_reading == "rounded") o.bands = c3p::band_reading::rounded;
        else if (band_reading != "contiguous") throw py::value_error("band_reading must be \"contiguous\" or \"rounded\"");
        py::object out = py::cast(c3p::score(p, o));  // a score_error is a ValueError
        out.attr("_derivation") = py::cast(c3p::derive(p, o));
        return out;
    }, py::kw_only(), py::arg("reduction"), py::arg("cost"), py::arg("engineer_projects") = 0, py::arg("past_projects") = 0,
       py::arg("ongoing") = false, py::arg("judged") = std::map<std::string, int>{}, py::arg("band_reading") = "contiguous",
       R"(Scores a proposal on Table 6: reduction (t-CO2 a year) and cost (yen) give the computed rows exactly;
judged: the evaluators' points by row id ({"overall": 38}).)");
}

void bind_reading(py::module_& m) {
    m.def("read_budget_text",
          [](std::string_view text, py::object ga_rate, py::object uplift, std::optional<bool> outsourcing_justified,
             const std::optional<std::string>& delimiter) {
              auto read = c3p::read_budget_csv(text, settings_of(ga_rate, uplift, outsourcing_justified, delimiter));
              py_budget b{std::move(read.budget), read.rules, std::move(read.layout)};
              return std::make_pair(std::move(b), std::move(read.errors));
          },
          py::arg("text"), py::kw_only(), py::arg("ga_rate") = py::none(), py::arg("uplift") = py::none(),
          py::arg("outsourcing_justified") = py::none(), py::arg("delimiter") = py::none(),
          "A budget from CSV text and the problems found (use the budget only when there are none).");
    py::class_<c3p::sheet_layout>(m, "_SheetLayout", "Where a file's columns and rows are: the cells of its violations.");
    py::class_<c3p::summary_statement>(m, "_SummaryStatement", "An amount a summary row states, and the figure it names.");
    m.def("read_records_text",
          [](std::string_view text, const std::optional<std::string>& delimiter) {
              auto read = c3p::read_records_csv(text, settings_of(py::none(), py::none(), std::nullopt, delimiter));
              return py::make_tuple(std::move(read.records), std::move(read.errors), std::move(read.summary_rows),
                                    std::move(read.layout), std::move(read.summaries));
          },
          py::arg("text"), py::kw_only(), py::arg("delimiter") = py::none(),
          "Spending records from CSV text, the problems found, the summary rows' file lines, the file's layout and "
          "the amounts the summary rows state.");
    m.def("read_plan_text",
          [](std::string_view text, py::object ga_rate, py::object uplift, std::optional<bool> outsourcing_justified,
             const std::optional<std::string>& delimiter) {
              auto read = c3p::read_plan_csv(text, settings_of(ga_rate, uplift, outsourcing_justified, delimiter));
              return std::make_pair(py_plan{std::move(read.plan), read.forced, std::move(read.layout),
                                            std::move(read.summary_rows), std::move(read.summaries)},
                                    std::move(read.errors));
          },
          py::arg("text"), py::kw_only(), py::arg("ga_rate") = py::none(), py::arg("uplift") = py::none(),
          py::arg("outsourcing_justified") = py::none(), py::arg("delimiter") = py::none(),
          "A plan from CSV text and the problems found.");
    m.def("item_name", [](const std::string& item, const std::string& lang) {
        const auto& found = c3p::info(to_item(item));
        return std::string(to_language(lang) == c3p::language::japanese ? found.japanese : found.english);
    }, py::arg("item"), py::arg("lang") = "en",
       "An item's name in the language: item_name(\"consumables\", \"ja\") is \"消耗品費\" (codes, Japanese names and short forms accepted).");
    m.def("headroom", [](const py_budget& b, const std::string& item, const py::object& policy) {
        return to_python(c3p::headroom(b.lines, to_item(item), to_policy(policy, b.rules ? *b.rules : c3p::fy2025)));
    }, py::arg("budget"), py::arg("item"), py::arg("policy") = py::none(),
       "The largest whole-yen amount that can still be added to `item` without breaking the cap (or the outsourcing share).");
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "The c3p-budget library: exact Table 5 budgets, checks and settlements.";
    m.attr("version") = std::string(c3p::version);
    // The library's exceptions as Python's: a number that is none is c3p_budget.ParseError.
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown) std::rethrow_exception(thrown);
        } catch (const c3p::parse_error& e) {
            const py::object parse_error = py::module_::import("c3p_budget._errors").attr("ParseError");
            PyErr_SetObject(parse_error.ptr(), py::str(e.what()).ptr());
        } catch (const c3p::overflow_error& e) {
            PyErr_SetString(PyExc_OverflowError, e.what());
        } catch (const c3p::inexact_error& e) {
            PyErr_SetString(PyExc_ArithmeticError, e.what());
        }
    });
    bind_violation(m);
    bind_input_error(m);
    bind_budget(m);
    bind_check(m);
    bind_settlement(m);
    bind_reading(m);
    bind_policy(m);
    bind_derivation(m);
    bind_plan(m);
    bind_score(m);
}

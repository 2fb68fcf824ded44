#!/usr/bin/env python3
"""Writes records_fy2025.csv: a year of spending under contract.csv (fixed seed, so the file
and the figures in the README and the tests stay the same). Run from this directory."""
import datetime
import random

random.seed(2025)
rows = []


def add(date, item, desc, price, qty, basis):
    rows.append((date, item, desc, price, qty, basis))


start = datetime.date(2025, 4, 1)
# Person-days each month for the two roles: a little more than the contract's 60 and 100.
months = [(2025 + (m >= 13), (m - 1) % 12 + 1) for m in range(4, 16)]
lead_days = [5, 5, 5, 6, 5, 5, 5, 5, 5, 5, 5, 6]
engineer_days = [8, 8, 9, 9, 8, 8, 9, 8, 8, 9, 8, 9]
for (y, m), lead, engineer in zip(months, lead_days, engineer_days):
    last = datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)
    add(last, "人件費", f"業務主任者 {m}月分（人日）", 52000, lead, "不課税")
    add(last, "人件費", f"技術者 {m}月分（人日）", 38000, engineer, "不課税")
for k in range(9):
    add(start + datetime.timedelta(days=30 + 25 * k), "謝金", f"有識者ヒアリング 第{k + 1}回", 20000, 1, "税抜")
# Three field surveys: airfare, hotel and per diem a night, local transport a day.
trips = [datetime.date(2025, 6, 9), datetime.date(2025, 9, 15), datetime.date(2026, 1, 19)]
for trip, first in enumerate(trips):
    people, nights = (2, 7) if trip < 2 else (3, 5)
    for person in range(people):
        add(first - datetime.timedelta(days=14), "外国旅費", f"現地調査{trip + 1}：航空賃 {person + 1}人目",
            random.choice([148000, 152000, 161000, 158000]), 1, "不課税")
        for night in range(nights):
            add(first + datetime.timedelta(days=night), "外国旅費", f"現地調査{trip + 1}：宿泊費・日当 {person + 1}人目",
                21000, 1, "不課税")
    for day in range(nights):
        add(first + datetime.timedelta(days=day), "外国旅費", f"現地調査{trip + 1}：現地交通費 {day + 1}日目",
            random.choice([1800, 2400, 3100, 3600]), 1, "不課税")
for k, d in enumerate([datetime.date(2025, 7, 3), datetime.date(2025, 10, 21), datetime.date(2026, 2, 12),
                       datetime.date(2026, 3, 5)]):
    add(d, "国内旅費", f"報告会出張 {k + 1}", random.choice([27500, 29700, 31900]), 1, "税込")
for k in range(10):
    add(datetime.date(2025, 5, 14) + datetime.timedelta(days=31 * k), "国内旅費", f"北九州市打合せ {k + 1}：鉄道", 2860, 2, "税込")
# A workshop on each survey; the first venue refunded part of its fee.
for k, d in enumerate(trips):
    add(d + datetime.timedelta(days=3), "会議費", f"現地ワークショップ{k + 1}：会場", 55000, 1, "税込")
    add(d + datetime.timedelta(days=3), "会議費", f"現地ワークショップ{k + 1}：茶菓", 8800, 1, "税込")
add(datetime.date(2025, 6, 30), "会議費", "現地ワークショップ1：会場費の返金", -5500, 1, "税込")
for k in range(4):
    add(datetime.date(2025, 5, 20) + datetime.timedelta(days=7 * k), "消耗品費", f"測定用センサー {k + 1}", 44800, 1, "税抜")
add(datetime.date(2025, 8, 4), "消耗品費", "電池・ケーブル", 6380, 3, "税込")
for m in range(12):
    d = datetime.date(2025 + (m >= 9), (m + 3) % 12 + 1, 10)
    add(d, "消耗品費", f"文具・記録媒体 {d.month}月", random.choice([1210, 2420, 3080, 4180]), 1, "税込")
add(datetime.date(2026, 3, 10), "印刷製本費", "報告書印刷", 3300, 40, "税込")
add(datetime.date(2025, 11, 14), "印刷製本費", "ワークショップ資料", 1100, 60, "税込")
for trip, first in enumerate(trips):
    for day in range(2):
        add(first + datetime.timedelta(days=2 + day), "雑役務費", f"通訳 現地調査{trip + 1} {day + 1}日目", 45000, 1, "税抜")
    add(first + datetime.timedelta(days=10), "雑役務費", f"現地調査{trip + 1}：記録の翻訳", 30000, 1, "税抜")
# Shipping samples and data each week: an item the contract did not plan.
for w in range(52):
    add(datetime.date(2025, 4, 4) + datetime.timedelta(weeks=w), "通信運搬費", f"国際宅配・通信 第{w + 1}便",
        random.choice([2200, 3300, 4400]), 1, "税込")
# The local consultant, paid in three instalments.
add(datetime.date(2025, 8, 29), "外注費", "現地コンサルタント：エネルギー診断 着手金", 900000, 1, "税抜")
add(datetime.date(2025, 12, 26), "外注費", "現地コンサルタント：エネルギー診断 中間", 900000, 1, "税抜")
add(datetime.date(2026, 3, 27), "外注費", "現地コンサルタント：エネルギー診断 完了", 1200000, 1, "税抜")

rows.sort(key=lambda r: r[0])
with open("records_fy2025.csv", "w", encoding="utf-8") as f:
    f.write("日付,費目,内容,単価,数量,税区分,領収書番号\n")
    for i, (d, item, desc, price, qty, basis) in enumerate(rows):
        f.write(f"{d.isoformat()},{item},{desc},{price},{qty},{basis},R-{d.year}-{i + 1:04d}\n")
print(f"records_fy2025.csv: {len(rows)} records")

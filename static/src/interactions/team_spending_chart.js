/* Copyright 2026 The website_sale_customer_approval authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { loadBundle } from "@web/core/assets";
import { getColor } from "@web/core/colors/colors";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/core/utils/numbers";
import { Interaction } from "@web/public/interaction";

/**
 * /my/team/statistics: the spending of the last twelve months, one stacked bar
 * a month, one colour a department. The figures come with the page (the
 * data-chart attribute, see res.partner._get_customer_spending_chart); Chart.js
 * is the one Odoo ships, loaded only on this page.
 */
export class TeamSpendingChart extends Interaction {
    static selector = ".o_team_spending_chart";

    async willStart() {
        await loadBundle("web.chartjs_lib");
    }

    start() {
        this.data = JSON.parse(this.el.dataset.chart);
        const canvas = this.el.querySelector("canvas");
        this.chart = new Chart(canvas, this.getConfig());
        this.registerCleanup(() => this.chart.destroy());
    }

    /** An amount with its currency, as Odoo writes it in the user's language. */
    formatAmount(value, humanReadable = false) {
        const { symbol, position, digits } = this.data.currency;
        const amount = formatFloat(value, {
            digits: [false, humanReadable ? 0 : digits],
            humanReadable,
        });
        return position === "before" ? `${symbol}\u00a0${amount}` : `${amount}\u00a0${symbol}`;
    }

    getConfig() {
        const data = this.data;
        const count = data.datasets.length;
        return {
            type: "bar",
            data: {
                labels: data.labels,
                datasets: data.datasets.map((dataset, index) => ({
                    label: dataset.label,
                    data: dataset.data,
                    backgroundColor: getColor(index, "light", count),
                    borderRadius: 2,
                    maxBarThickness: 48,
                })),
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                interaction: { mode: "index", intersect: false },
                scales: {
                    x: {
                        stacked: true,
                        grid: { display: false },
                        ticks: { autoSkip: true, maxRotation: 0 },
                    },
                    y: {
                        stacked: true,
                        beginAtZero: true,
                        ticks: {
                            maxTicksLimit: 6,
                            callback: (value) => this.formatAmount(value, true),
                        },
                    },
                },
                plugins: {
                    legend: {
                        display: count > 1,
                        position: "bottom",
                        labels: { boxWidth: 12, boxHeight: 12 },
                    },
                    tooltip: {
                        callbacks: {
                            title: (items) => data.titles[items[0].dataIndex],
                            label: (item) =>
                                count > 1
                                    ? `${item.dataset.label}: ${this.formatAmount(item.raw)}`
                                    : this.formatAmount(item.raw),
                            footer: (items) =>
                                count > 1
                                    ? `${data.totalLabel}: ${this.formatAmount(
                                          data.total[items[0].dataIndex]
                                      )}`
                                    : "",
                        },
                    },
                },
            },
        };
    }
}

registry
    .category("public.interactions")
    .add("website_sale_customer_approval.team_spending_chart", TeamSpendingChart);

// Loaded on demand by FunnelChart.vue: Chart.js stays out of the console's first load, and only
// the pieces a horizontal bar chart needs are registered (the rest tree-shakes away).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js'
import type { FunnelStage } from './funnel-stages.ts'
import { formatCount, formatPercent } from './format.ts'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

const COLOURS: Record<FunnelStage['kind'], string> = {
  launched: '#9aa8c7',
  started: '#6f86d6',
  step: '#2f5bea',
  completed: '#1b7f3b',
  decided: '#14602c',
}

function configOf(stages: FunnelStage[], reducedMotion: boolean): ChartConfiguration<'bar'> {
  const launched = stages[0]?.count ?? 0
  return {
    type: 'bar',
    data: {
      labels: stages.map((stage) => stage.label),
      datasets: [
        {
          label: 'Sessions',
          data: stages.map((stage) => stage.count),
          backgroundColor: stages.map((stage) => COLOURS[stage.kind]),
          borderRadius: 4,
          maxBarThickness: 26,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 250 },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: '#e6e9ef' } },
        y: { grid: { display: false }, ticks: { color: '#1c2230', font: { size: 12 } } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) =>
              `${formatCount(Number(item.raw))} sessions (${formatPercent(Number(item.raw), launched)} of launched)`,
          },
        },
      },
    },
  }
}

/** Draws the stages on the canvas; call `update` with new stages, `destroy` when done. */
export function drawFunnelChart(canvas: HTMLCanvasElement, stages: FunnelStage[]) {
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
  const chart = new Chart(canvas, configOf(stages, reducedMotion))
  return {
    update(next: FunnelStage[]): void {
      const config = configOf(next, reducedMotion)
      chart.data = config.data
      chart.update()
    },
    destroy(): void {
      chart.destroy()
    },
  }
}

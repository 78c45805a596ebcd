import { createApp } from 'vue'
import RunnerApp from './RunnerApp.vue'
import './runner-page.css'

createApp(RunnerApp).mount('#runner')

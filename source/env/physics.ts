// The physics tick (§8): how an unresolved failure keeps getting worse, one entry per failure type that drifts.
import type {FailureType} from './vocabulary.js';
import {type World, updateService} from './world.js';

const MEMORY_CAP = 4096;

export const PHYSICS: Partial<Record<FailureType, (world: World) => void>> = {
	memory_leak: world => {
		const {notifications} = world.services;
		const memory = Math.min(MEMORY_CAP, notifications.memory_mb + 180);
		updateService(world, 'notifications', {memory_mb: memory, health: memory > 2000 ? 'critical' : notifications.health});
	},
	cascade: world => {
		const {notifications} = world.services;
		if (notifications.health === 'healthy') return;
		updateService(world, 'notifications', {memory_mb: Math.min(MEMORY_CAP, notifications.memory_mb + 120)});
	},
	disk_full: world => {
		const {db} = world.services;
		const memory = Math.min(MEMORY_CAP, db.memory_mb + 45);
		const error = Math.min(0.95, db.error_rate + 0.02);
		updateService(world, 'db', {memory_mb: memory, error_rate: error, health: memory > 3900 ? 'critical' : db.health});
	},
};

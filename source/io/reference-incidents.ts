// The reference's nine incidents: its failure types. In a module of their own so that the model interface (which
// accepts only these as a declared failure_type, as the reference's parser does) does not load incident validation.

/** The reference's nine incidents, in the order its spec lists its failure types (§1): the parity suite and the bench play these. */
export const REFERENCE_INCIDENTS = [
	'db_deadlock',
	'memory_leak',
	'bad_config_push',
	'autoscaler_cost_cut',
	'misrouted_traffic',
	'cascade',
	'dns_outage',
	'disk_full',
	'rogue_deploy_bot',
] as const;

/** The CDK app entry (`cdk.json`): the same digest.config.json as the CLI sets the sender, schedule and site. */
import { buildDigestApp } from './digest-app.ts';

buildDigestApp().app.synth();

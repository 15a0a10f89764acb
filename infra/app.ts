import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ForlobStack } from './forlob-stack.js';

/** The cloud app. Data stays in the EU: eu-north-1 unless CDK_DEFAULT_REGION says otherwise. */
export function buildApp(app = new App(), options: { nag?: boolean } = {}): { app: App; stack: ForlobStack } {
  const stack = new ForlobStack(app, 'Forlob', {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1' },
    description: 'Forløb: integrated programmes for citizens on the margin of the labour market',
  });
  if (options.nag !== false) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  buildApp().app.synth();
}

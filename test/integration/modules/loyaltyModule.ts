import { ContainerModule, inject, injectable } from 'inversify';
import { z } from 'zod';
import { defineCommerceModule, ModelSlots, type CommerceOperation, type OperationContext, type SequenceComponent } from '../../../src/index.js';

/** The module's own service, bound by its ContainerModule. */
export const WelcomeBonusToken = Symbol.for('loyalty/WelcomeBonus');

/** A component of the module: adds the welcome bonus, which a service of the module's own container gives, to new accounts. */
@injectable()
export class LoyaltyWelcomeBonus implements SequenceComponent<{ multiplier: number }> {
  static readonly configurationSchema = z.strictObject({ multiplier: z.number().int().positive().default(1) });

  constructor(@inject(WelcomeBonusToken) private readonly bonus: number) {}

  execute(context: OperationContext<CommerceOperation<object>, { multiplier: number }>): void {
    for (const account of context.require(ModelSlots.profiles)) {
      const points = Number(account.get('Balance.points') ?? 0);
      account.set('Balance.points', points + this.bonus * context.configuration.multiplier);
    }
  }
}

const generic = (...middle: { name: string; configuration?: unknown }[]) => ({
  components: [{ name: 'ModelLoader' }, ...middle, { name: 'ModelCommitter' }, { name: 'ModelResponseBuilder' }],
});

/** A plugin built as a module: a profile definition, a model, three sequences, a component and a service. */
export const loyaltyModule = defineCommerceModule({
  name: 'loyalty',
  components: { LoyaltyWelcomeBonus },
  containerModule: new ContainerModule(({ bind }) => {
    bind(WelcomeBonusToken).toConstantValue(50);
  }),
  profileDefinitions: [
    {
      name: 'LoyaltyAccount',
      properties: [
        { name: 'GeneralInfo.account_id', type: 'string', keys: ['DUAL'], maxLength: 64 },
        { name: 'GeneralInfo.holder', type: 'string', required: true, maxLength: 128 },
        { name: 'Balance.points', type: 'number' },
      ],
    },
  ],
  models: [
    {
      name: 'LoyaltyAccount',
      profile: 'LoyaltyAccount',
      properties: {
        id: 'GeneralInfo.account_id',
        holder: { profile: 'GeneralInfo.holder', required: true },
        points: { profile: 'Balance.points', minimum: 0 },
      },
    },
  ],
  sequences: {
    CommerceCreateOperation_LoyaltyAccount: generic({ name: 'LoyaltyWelcomeBonus', configuration: { multiplier: 2 } }),
    CommerceQueryOperation_LoyaltyAccount: { components: [{ name: 'ModelLoader' }, { name: 'ModelResponseBuilder' }] },
    CommerceDeleteOperation_LoyaltyAccount: generic(),
  },
});

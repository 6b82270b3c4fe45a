import { Global, Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { AccountEmails } from './account-emails.service';
import { AlertChain } from './alert-chain.service';
import { OutboxObservability } from './outbox-observability';
import { MailQueue } from './mail-queue';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

/**
 * Notifications (docs/notifications.md): the outbox, its delivery by SMTP, the account e-mails.
 * Global: every domain tells the alert chain through AlertChain (or NotificationsService.enqueue).
 */
@Global()
@Module({
  providers: [
    MailQueue,
    NotificationsService,
    AlertChain,
    AccountEmails,
    NotificationsResolver,
    OutboxObservability,
  ],
  exports: [NotificationsService, AlertChain, AccountEmails],
})
export class NotificationsModule {}

/** The reminders and digests, apart: they read the dashboard (ReviewsModule), which tells the chain. */
@Module({ imports: [ReviewsModule], providers: [NotificationScheduler] })
export class NotificationSchedulerModule {}

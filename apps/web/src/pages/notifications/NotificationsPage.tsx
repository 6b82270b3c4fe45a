import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { toFailure } from '../../api/errors';
import { graphql } from '../../api/gql';
import { PagedList, useListParams } from '../../components/PagedList';
import { formatDateTime } from '../../components/format';
import { useSession } from '../../session/session';
import { entryPage, notificationTitle } from './entry-page';

export const MyNotificationsQuery = graphql(`
  query MyNotifications($first: Int!, $after: String, $filter: NotificationFilter) {
    myNotifications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        subject
        body
        entityType
        entityId
        school {
          id
          name
        }
        readAt
        createdAt
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

/** The body without its link line and signature: the page has its own link to the entry. */
function summary(body: string): string {
  return body
    .split('\n—\n')[0]
    .split('\n')
    .filter((line) => !/https?:\/\//.test(line))
    .join('\n')
    .trim();
}

/**
 * "Mes notifications": what the alert chain sent the user (the same texts as the e-mails), newest
 * first, unread ones marked; opening an entry marks its notification read.
 */
export function NotificationsPage() {
  const { user } = useSession();
  const { values, after, setFilter, goTo } = useListParams(['non-lues'] as const);
  const unreadOnly = values['non-lues'] === '1';
  const [{ data, fetching, error }] = useQuery({
    query: MyNotificationsQuery,
    variables: { first: 20, after, filter: unreadOnly ? { unreadOnly: true } : null },
    requestPolicy: 'cache-and-network',
  });
  const [marking, markRead] = useMutation(MarkNotificationsReadMutation);
  const list = data?.myNotifications;
  const unread = (list?.nodes ?? []).filter((n) => !n.readAt).map((n) => n.id);
  const failure = toFailure(error ?? marking.error);

  // the Notification typename: this list and the header's count are read again
  const mark = async (ids: string[]) => {
    if (ids.length > 0) await markRead({ ids }, { additionalTypenames: ['Notification'] });
  };

  return (
    <>
      <h1>Mes notifications</h1>
      <p>
        Les alertes du registre : violations à traiter, échéances de la CNIL et des demandes de droits,
        déclarations et avis du délégué. Les mêmes messages vous sont envoyés par courriel.
      </p>
      {failure && <Alert severity="error" small description={failure.message} className="fr-mb-3w" />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-mb-2w">
        <li>
          <Button
            type="button"
            priority="secondary"
            onClick={() => setFilter('non-lues', unreadOnly ? '' : '1')}
            nativeButtonProps={{ 'aria-pressed': unreadOnly }}
          >
            {unreadOnly ? 'Afficher toutes les notifications' : 'Afficher seulement les non lues'}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="secondary"
            disabled={unread.length === 0 || marking.fetching}
            onClick={() => void mark(unread)}
          >
            Marquer comme lues ({unread.length})
          </Button>
        </li>
      </ul>
      {fetching && !list && <p aria-live="polite">Chargement…</p>}
      <PagedList
        totalCount={list?.totalCount}
        noun={
          unreadOnly ? ['notification non lue', 'notifications non lues'] : ['notification', 'notifications']
        }
        pageInfo={list?.pageInfo}
        after={after}
        goTo={goTo}
        empty={<p>{unreadOnly ? 'Aucune notification non lue.' : 'Aucune notification pour le moment.'}</p>}
      >
        <ul className="fr-raw-list">
          {list?.nodes.map((n) => {
            const page = entryPage(user, n.entityType, n.entityId, n.school?.id);
            return (
              <li key={n.id} className="fr-card fr-card--no-arrow fr-mb-2w">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h2 className="fr-card__title fr-h6">
                      {notificationTitle(n.subject)}
                      {!n.readAt && (
                        <Badge severity="new" small noIcon className="fr-ml-1w">
                          Non lue
                        </Badge>
                      )}
                    </h2>
                    <p className="fr-card__desc" style={{ whiteSpace: 'pre-line' }}>
                      {summary(n.body)}
                    </p>
                    <div className="fr-card__end">
                      <p className="fr-card__detail">
                        {formatDateTime(n.createdAt)}
                        {n.school && ` · ${n.school.name}`}
                      </p>
                    </div>
                  </div>
                  <div className="fr-card__footer">
                    <ul className="fr-btns-group fr-btns-group--inline-sm">
                      {page && (
                        <li>
                          <Link
                            className="fr-btn fr-btn--sm"
                            to={page}
                            onClick={() => void (n.readAt ? undefined : mark([n.id]))}
                          >
                            Ouvrir la fiche
                            <span className="fr-sr-only"> : {notificationTitle(n.subject)}</span>
                          </Link>
                        </li>
                      )}
                      {!n.readAt && (
                        <li>
                          <Button
                            type="button"
                            size="small"
                            priority="tertiary"
                            onClick={() => void mark([n.id])}
                          >
                            Marquer comme lue
                            <span className="fr-sr-only"> : {notificationTitle(n.subject)}</span>
                          </Button>
                        </li>
                      )}
                    </ul>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      </PagedList>
    </>
  );
}

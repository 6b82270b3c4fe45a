import { In } from 'typeorm';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import { ToolDeclarationEntity } from './tool-declaration.entity';

/** The declarations filed under each treatment, newest first, unscoped: the resolver filters them. */
export const declarationsByTreatment = (loaders: RequestLoaders) =>
  loaders.get<string, ToolDeclarationEntity[]>('declarationsByTreatment', async (treatmentIds, ds) => {
    const rows = await ds.getRepository(ToolDeclarationEntity).find({
      where: { treatmentId: In([...treatmentIds]) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return groupBy(rows, treatmentIds, (d) => d.treatmentId as string);
  });

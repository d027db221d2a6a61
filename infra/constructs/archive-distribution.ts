import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_LAYOUT } from '../../functions/config.ts';

export interface ArchiveDistributionProps {
  /** The archive bucket; only its site prefix is served. Its policy must already let CloudFront read that prefix. */
  readonly bucket: s3.IBucket;
  /** The bucket CloudFront writes its standard logs to (ACLs enabled). */
  readonly logBucket: s3.IBucket;
  /** The subscription API that `/api/*` is routed to. */
  readonly api: apigwv2.IHttpApi;
  /** @default cloudfront.PriceClass.PRICE_CLASS_100 (North America and Europe: the cheapest) */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * CloudFront in front of the archive (origin access control, HTTPS only, security headers) and of the
 * subscription API under `/api/*` (never cached, all methods, query strings passed on).
 */
export class ArchiveDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ArchiveDistributionProps) {
    super(scope, id);
    // Referenced by name: a distribution that edited the data stack's bucket policy would make the stacks
    // depend on each other. The policy (ArchiveBucket) already lets this account's distributions read site/.
    const siteBucket = s3.Bucket.fromBucketAttributes(this, 'SiteBucket', {
      bucketName: props.bucket.bucketName,
      bucketRegionalDomainName: props.bucket.bucketRegionalDomainName,
    });
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The archive bucket policy in the data stack grants CloudFront read access to site/.',
    );
    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(siteBucket, {
      originPath: `/${BUCKET_LAYOUT.site.replace(/\/$/, '')}`,
    });
    // Security headers added where the origin sent none, never overriding one it did send (the
    // subscription pages set their own Content-Security-Policy and Referrer-Policy).
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'News digest: security headers, origin values win',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: false },
        contentTypeOptions: { override: false },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: false },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
    });
    // API Gateway must see its own Host, so the viewer's is not passed on; CloudFront-Viewer-Address is
    // what lets the API limit subscribe requests per client rather than per edge server.
    const apiRequests = new cloudfront.OriginRequestPolicy(this, 'ApiRequests', {
      comment: 'News digest API: viewer headers the handlers read, the viewer address, every query string',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
        'Accept',
        'Accept-Language',
        'Content-Type',
        'Origin',
        'Referer',
        'User-Agent',
        'CloudFront-Viewer-Address',
      ),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    const apiDomain = `${props.api.apiId}.execute-api.${props.api.stack.region}.${props.api.stack.urlSuffix}`;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'News digest archive and subscription API',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: apiRequests,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public newsletter archive: no geographic restriction is wanted.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'WAF costs more per month than the rest of the digest; the API is throttled at the stage and only POST changes state.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate fixes the viewer policy at TLSv1; a custom domain with its own certificate (TLSv1.2_2021) is the remedy, see docs/deploy.md.',
    });
  }
}

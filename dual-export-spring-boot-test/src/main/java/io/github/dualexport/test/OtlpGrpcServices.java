package io.github.dualexport.test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * Hand-built gRPC service definitions for the OTLP collector services, as the
 * {@code opentelemetry-proto} artifact ships the messages without gRPC stubs.
 */
final class OtlpGrpcServices {

	private static final Context.Key<Metadata> HEADERS = Context.key("otlp-receiver-headers");

	private static final Metadata.Key<String> GRPC_ENCODING = Metadata.Key.of("grpc-encoding",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final Metadata.Key<String> RETRY_PUSHBACK = Metadata.Key.of("grpc-retry-pushback-ms",
			Metadata.ASCII_STRING_MARSHALLER);

	private OtlpGrpcServices() {
	}

	static ServerServiceDefinition definition(Signal signal, OtlpReceiver receiver) {
		MethodDescriptor<Message, Message> method = MethodDescriptor.<Message, Message>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(signal.grpcFullMethodName())
			.setRequestMarshaller(ProtoUtils.marshaller(signal.requestPrototype()))
			.setResponseMarshaller(ProtoUtils.marshaller(signal.responsePrototype()))
			.build();
		ServerServiceDefinition definition = ServerServiceDefinition.builder(signal.grpcServiceName())
			.addMethod(method,
					ServerCalls.asyncUnaryCall(
							(request, responseObserver) -> export(signal, receiver, request, responseObserver)))
			.build();
		return ServerInterceptors.intercept(definition, new HeadersInterceptor());
	}

	private static void export(Signal signal, OtlpReceiver receiver, Message request,
			StreamObserver<Message> responseObserver) {
		Metadata metadata = HEADERS.get();
		String compression = metadata.get(GRPC_ENCODING);
		receiver
			.receive(signal, Transport.GRPC, signal.grpcFullMethodName(), headers(metadata),
					(compression != null) ? compression : "none", request, request.toByteArray())
			.thenAccept((reply) -> respond(signal, reply, responseObserver));
	}

	private static void respond(Signal signal, Reply reply, StreamObserver<Message> responseObserver) {
		try {
			if (reply.success()) {
				responseObserver.onNext(signal.responsePrototype());
				responseObserver.onCompleted();
				return;
			}
			responseObserver.onError(failure(reply));
		}
		catch (RuntimeException ex) {
			// The call was cancelled by the sender or by the server shutting down
		}
	}

	private static RuntimeException failure(Reply reply) {
		Status status = reply.grpcStatus();
		com.google.rpc.Status.Builder rpcStatus = com.google.rpc.Status.newBuilder()
			.setCode(status.getCode().value())
			.setMessage(status.getDescription());
		Metadata trailers = new Metadata();
		if (reply.retryAfter() != null) {
			trailers.put(RETRY_PUSHBACK, Long.toString(reply.retryAfter().toMillis()));
			com.google.protobuf.Duration delay = com.google.protobuf.Duration.newBuilder()
				.setSeconds(reply.retryAfter().getSeconds())
				.setNanos(reply.retryAfter().getNano())
				.build();
			rpcStatus.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(delay).build()));
		}
		return StatusProto.toStatusRuntimeException(rpcStatus.build(), trailers);
	}

	private static Map<String, String> headers(Metadata metadata) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : metadata.keys()) {
			if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
				if (values != null) {
					headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
				}
			}
		}
		return headers;
	}

	/**
	 * Makes the request headers visible to the service method, which only sees the
	 * message.
	 */
	private static final class HeadersInterceptor implements ServerInterceptor {

		@Override
		public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
				ServerCallHandler<ReqT, RespT> next) {
			return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, next);
		}

	}

}

# language: vi
Tính năng: Chuyển trường THPT — công dân rút hồ sơ, dừng xử lý có lý do
  Công dân được rút hồ sơ (trạng thái 7 "Công dân yêu cầu rút hồ sơ"); cơ quan dừng xử lý hồ sơ (trạng thái
  8 "Dừng xử lý") phải nêu rõ lý do bằng văn bản (DOMAIN.md §1.2 [S7][E9]). Cả hai kết thúc hồ sơ, mọi việc
  đang chờ bị hủy, và trạng thái được đồng bộ lên Cổng DVC quốc gia.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Trần Thị Bình   |
      | so_dinh_danh_hoc_sinh | 031208005678    |
      | truong_di             | THPT Ngô Quyền  |
      | truong_den            | THPT Thái Phiên |
      | pham_vi               | ngoai_tinh      |
      | lop                   | 10              |

  Kịch bản: Công dân rút hồ sơ đang giải quyết: hồ sơ kết thúc, không còn việc nào chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và công dân rút hồ sơ với lý do "Gia đình không chuyển nơi cư trú nữa"
    Thì trạng thái hồ sơ là "Công dân yêu cầu rút hồ sơ"
    Và Cổng DVC đã nhận trạng thái "Công dân yêu cầu rút hồ sơ"
    Và hồ sơ không còn chờ gì
    Và đồng hồ pháp lý đã dừng
    Khi công dân thử rút hồ sơ
    Thì thao tác bị từ chối vì "already ended"

  Kịch bản: Dừng xử lý hồ sơ phải nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" thử dừng xử lý hồ sơ
    Thì thao tác bị từ chối vì "[S7][E9]"
    Khi "Bộ phận Một cửa" dừng xử lý hồ sơ với lý do "Cơ quan có thẩm quyền yêu cầu tạm dừng để xác minh"
    Thì trạng thái hồ sơ là "Dừng xử lý"
    Và Cổng DVC đã nhận trạng thái "Dừng xử lý"
    Và hồ sơ không còn chờ gì
